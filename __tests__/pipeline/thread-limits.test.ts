// The time limit on a worker's work: in its thread's own CPU time where the OS tells, so a thread slowed by
// others (a large --jobs, a busy machine) is not stopped early, and one that waits without end still is.
import { SlotWatch, ownThreadId, threadCpuMs, type ClockReading } from '../../src/pipeline/thread-limits';

const tid = ownThreadId();
const measurable = threadCpuMs(tid) !== null;
const LIMIT = 1000;

/** Work on this thread that started `wallAgo` ms ago and has used `cpuUsed` ms of CPU since (null: unknown). */
function reading(wallAgo: number, cpuUsed: number | null, now: number): ClockReading {
  const cpu = threadCpuMs(tid);
  return {
    startedAt: now - wallAgo,
    what: 0,
    cpuAtStart: cpuUsed === null || cpu === null ? null : cpu - cpuUsed,
    tid: cpuUsed === null ? 0 : tid,
    transform: -1,
  };
}

describe('SlotWatch', () => {
  const now = Date.now();

  it('without a CPU reading, counts the wall clock', () => {
    expect(new SlotWatch().check(reading(LIMIT - 1, null, now), LIMIT, now)).toBeNull();
    expect(new SlotWatch().check(reading(LIMIT + 1, null, now), LIMIT, now)).toBe(
      'still running 1 s after it started',
    );
  });

  (measurable ? describe : describe.skip)('with the thread CPU time (Linux)', () => {
    it('stops work that used more than the limit in CPU time', () => {
      expect(new SlotWatch().check(reading(LIMIT + 500, LIMIT + 100, now), LIMIT, now)).toBe(
        'still running after 1 s of CPU time',
      );
    });

    it('lets a thread that got only a share of a CPU run past the limit on the wall clock', () => {
      // Ten times the limit on the wall clock, a fifth of it in CPU time: slowed, not stuck.
      expect(new SlotWatch().check(reading(10 * LIMIT, LIMIT / 5, now), LIMIT, now)).toBeNull();
    });

    it('stops a thread that used almost no CPU over a whole limit of wall time', () => {
      const watch = new SlotWatch();
      const start = reading(10, 0, now);
      expect(watch.check(start, LIMIT, now)).toBeNull();
      expect(watch.check(start, LIMIT, now + LIMIT)).toBe(
        'still running, using almost no CPU for 1 s (waiting on something?)',
      );
    });
  });
});
