// What verify created and must remove: containers and images by id, also on Ctrl-C and on failure.
import type { DockerRunner } from './docker';
import { removeImage } from './build';

/** A ledger of containers and images this run created; `release()` removes whatever is still listed. */
export class Resources {
  // name -> id; the id is null while `docker run` has not answered yet, so the name finds it.
  private readonly containers = new Map<string, string | null>();
  private readonly images = new Set<string>();
  private readonly inflight = new Set<Promise<void>>();

  constructor(private readonly docker: DockerRunner) {}

  /** Call before `docker run --name NAME`, so an interruption during the run can still find it. */
  containerStarting(name: string): void {
    this.containers.set(name, null);
  }

  containerStarted(name: string, id: string): void {
    this.containers.set(name, id);
  }

  imageBuilt(id: string): void {
    this.images.add(id);
  }

  /** Removes one container now (by id, or by its exact name when the id never came back). */
  async removeContainer(name: string): Promise<void> {
    if (!this.containers.has(name)) return;
    const known = this.containers.get(name) ?? null;
    this.containers.delete(name);
    await this.track(async () => {
      const id = known ?? (await this.lookup(name));
      if (id) await this.docker(['rm', '--force', '--volumes', id], { timeoutMs: 30_000 });
    });
  }

  /** The image stays (kept on request) and is no longer ours to remove. */
  keepImage(id: string): void {
    this.images.delete(id);
  }

  async removeImage(id: string): Promise<void> {
    if (!this.images.delete(id)) return;
    await this.track(() => removeImage(this.docker, id));
  }

  /**
   * Removes everything still listed (containers first, since they hold their images) and waits for
   * removals already under way elsewhere, so that nothing is left when it returns. Never throws.
   */
  async release(): Promise<void> {
    for (const name of [...this.containers.keys()]) await this.removeContainer(name).catch(() => undefined);
    for (const id of [...this.images]) await this.removeImage(id).catch(() => undefined);
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  get pending(): number {
    return this.containers.size + this.images.size;
  }

  private async track(work: () => Promise<void>): Promise<void> {
    const running = work();
    this.inflight.add(running);
    try {
      await running;
    } finally {
      this.inflight.delete(running);
    }
  }

  private async lookup(name: string): Promise<string | null> {
    const result = await this.docker(['ps', '--all', '--quiet', '--no-trunc', '--filter', `name=^/${name}$`]);
    return result.code === 0 ? result.stdout.trim().split('\n')[0] || null : null;
  }
}

/**
 * While `work` runs, SIGINT and SIGTERM abort it, release the resources and then re-raise the signal
 * so that the process ends the way it would have without us. A second signal ends it at once.
 */
export async function withSignalCleanup<T>(
  resources: Resources,
  abort: AbortController,
  work: () => Promise<T>,
): Promise<T> {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  let stopping = false;
  const remove = () => signals.forEach((s) => process.removeListener(s, handler));
  function handler(signal: NodeJS.Signals) {
    if (stopping) {
      remove();
      process.kill(process.pid, signal);
      return;
    }
    stopping = true;
    abort.abort();
    void resources.release().finally(() => {
      remove();
      process.kill(process.pid, signal);
    });
  }
  signals.forEach((s) => process.on(s, handler));
  try {
    return await work();
  } finally {
    if (!stopping) remove();
  }
}
