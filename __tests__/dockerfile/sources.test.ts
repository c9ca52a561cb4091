import { parseDockerfile } from '../../src/dockerfile/model';
import { contextReads, copySources } from '../../src/dockerfile/sources';
import { expandWords } from '../../src/dockerfile/words';

const sources = (text: string) => copySources(parseDockerfile(text));

describe('copySources', () => {
  it('lists context COPY/ADD sources, skipping other stages, unknown variables and URLs', () => {
    const model = parseDockerfile(
      [
        'FROM node:20 AS deps',
        'COPY --chown=node:node ./package.json package-lock.json ./',
        'COPY ["apps/api/", "/app/apps/api/"]',
        'ADD https://example.com/file.tgz /tmp/',
        'COPY ${SRC} .',
        'COPY --from=builder /app/dist ./dist',
        'COPY --FROM=builder /app/x ./x',
      ].join('\n'),
    );
    expect(copySources(model)).toEqual(['package.json', 'package-lock.json', 'apps/api']);
  });

  it('lists the sources of COPY and ADD, not the destination, normalized and without repeats', () => {
    expect(
      sources(
        'FROM node:20\nCOPY package.json package-lock.json ./\nCOPY ./src/ /app/src\nADD vendor.tar.gz /opt/\nCOPY ./package.json /x/\n',
      ),
    ).toEqual(['package.json', 'package-lock.json', 'src', 'vendor.tar.gz']);
  });

  it('skips COPY --from in any case, and reads every stage', () => {
    const text = [
      'FROM node:20 AS build',
      'COPY . .',
      'FROM node:20-alpine AS runtime',
      'COPY --from=build /app/dist ./dist',
      'COPY --FROM=build /app/node_modules ./node_modules',
      'copy --chown=node:node --From=0 /a /b',
      'COPY --chown=node:node healthcheck.js ./',
      '',
    ].join('\n');
    expect(sources(text)).toEqual(['.', 'healthcheck.js']);
  });

  it('reads the JSON form, with quotes and spaces', () => {
    expect(sources('FROM node:20\nCOPY ["my file.txt", "src", "/app/"]\n')).toEqual(['my file.txt', 'src']);
  });

  it('removes quotes and escapes in the shell form', () => {
    expect(sources('FROM node:20\nCOPY "a b" c\\ d \'e f\' /app/\n')).toEqual(['a b', 'c d', 'e f']);
  });

  it('skips URLs and git references', () => {
    const text = [
      'FROM alpine',
      'ADD https://example.com/a.tgz /a',
      'ADD git@github.com:org/repo.git /repo',
      'ADD https://github.com/org/repo.git#v1.0 /repo2',
      'ADD --checksum=sha256:abc local.tgz /b',
      '',
    ].join('\n');
    expect(sources(text)).toEqual(['local.tgz']);
  });

  it('skips heredoc bodies but keeps real sources beside them', () => {
    const text = 'FROM alpine\nCOPY <<EOF /etc/motd\nhello\nEOF\nCOPY conf.ini <<EOT /etc/\nx\nEOT\n';
    expect(sources(text)).toEqual(['conf.ini']);
  });

  it('expands ARG defaults declared in the file', () => {
    const text = 'FROM eclipse-temurin:17-jre\nARG JAR_FILE=target/*.jar\nCOPY ${JAR_FILE} app.jar\n';
    expect(sources(text)).toEqual(['target/*.jar']);
  });

  it('expands a global ARG a stage declares again, ENV, and ${VAR:-default}', () => {
    const text = [
      'ARG APP_DIR=services/api',
      'FROM node:20',
      'ARG APP_DIR',
      'ENV CONF=config',
      'ENV LEGACY legacy dir',
      'COPY $APP_DIR/package.json ${CONF}/app.yml ${MISSING:-fallback}/x "${LEGACY}" ./',
      '',
    ].join('\n');
    expect(sources(text)).toEqual([
      'services/api/package.json',
      'config/app.yml',
      'fallback/x',
      'legacy dir',
    ]);
  });

  it('falls back on a value declared elsewhere in the file, and skips what it cannot know', () => {
    const text = 'ARG DIST=build/libs\nFROM eclipse-temurin:21\nCOPY ${DIST}/app.jar ${UNSET}/x.jar /app/\n';
    expect(sources(text)).toEqual(['build/libs/app.jar']);
  });

  it('does not expand inside single quotes', () => {
    expect(sources("FROM alpine\nARG X=a\nCOPY '$X' /\n")).toEqual(['$X']);
  });

  it('reads continuation lines', () => {
    expect(sources('FROM alpine\nCOPY a \\\n  # note\n  b /dst/\n')).toEqual(['a', 'b']);
  });
});

describe('contextReads', () => {
  it('adds RUN bind mounts without from=, and the whole context for a bind mount with no source', () => {
    const text = [
      'FROM node:20 AS build',
      'RUN --mount=type=bind,source=package.json,target=package.json --mount=type=cache,target=/root/.npm npm ci',
      'RUN --mount=type=bind,from=deps,source=/x,target=/x true',
      'RUN --mount=target=/src true',
      'COPY src ./src',
      '',
    ].join('\n');
    expect(contextReads(parseDockerfile(text))).toEqual(['src', 'package.json', '.']);
  });
});

describe('expandWords', () => {
  const lookup = (name: string) => ({ A: 'x y', E: '' })[name];
  it('splits on blanks outside quotes and keeps expanded values whole', () => {
    expect(expandWords('"$A"/1 ${E:-d} ${E-d} ${A:+set} $NOPE', '\\', lookup)).toEqual([
      'x y/1',
      'd',
      '',
      'set',
      null,
    ]);
  });
  it('honours a backtick escape character', () => {
    expect(expandWords('a` b c', '`', lookup)).toEqual(['a b', 'c']);
  });
});
