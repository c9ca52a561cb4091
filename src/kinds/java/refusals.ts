// Java images no runtime stage can be made for, whatever the tool does: ONBUILD bases, starts that need the JDK.
import { onbuildImage } from '../../images/image-facts';
import type { JavaStageReading } from './stage';

/** An ONBUILD image runs triggers this file does not show (copy the context, build): nothing can replace it. */
export function onbuildProblem(reading: JavaStageReading): string | null {
  const image = onbuildImage(reading.image, reading.args);
  if (!image) return null;
  return `${image} is an ONBUILD image: its triggers copy the context and build in ways this Dockerfile does not show, so no runtime stage can be made from it safely. Write those steps out on the image it is built on (its COPY and RUN lines), then migrate`;
}

/** Start commands a JRE cannot run, whatever the tool does. */
export function startProblem(reading: JavaStageReading): string | null {
  const { start } = reading;
  if (start.kind === 'build-tool')
    return `the start command runs ${start.program} (\`${start.text}\`), so the runtime would need the JDK, the build tool and the sources: start the built jar instead (\`java -jar ...\`)`;
  if (start.kind === 'source-file')
    return `the start command runs a .java source file (\`${start.text}\`), which needs the JDK's compiler`;
  const tool = start.kind === 'jdk-tool' ? start.program : reading.healthJdkTool;
  if (tool)
    return `${tool} is a JDK tool the JRE lacks, and the ${start.kind === 'jdk-tool' ? 'start command' : 'HEALTHCHECK'} runs it`;
  return null;
}
