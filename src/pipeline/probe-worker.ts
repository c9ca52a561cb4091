// The short-lived worker thread of probe.ts: loads each transform module in turn and answers with its name.
import { parentPort, workerData } from 'node:worker_threads';
import { messageOf } from '../errors';
import type { ProbeMessage, ProbeTask } from './probe';
import { markClock, ownThreadId } from './thread-limits';
import { loadModule } from './user-module';

const { files, cwd, clock } = workerData as ProbeTask;
const tid = ownThreadId();
const answer = (message: ProbeMessage) => parentPort!.postMessage(message);

void (async () => {
  for (const [index, file] of files.entries()) {
    markClock(clock, index, tid);
    try {
      const transform = await loadModule(file, cwd);
      answer({ type: 'loaded', index, name: String(transform.meta.name) });
    } catch (error) {
      answer({ type: 'failed', index, message: messageOf(error) });
      return;
    }
  }
  markClock(clock, null, tid);
})();
