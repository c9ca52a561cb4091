// Atomic writes: every file of one migration goes to a temp file first, then all are renamed into place.
import fs from 'node:fs';
import path from 'node:path';

export interface PlannedWrite {
  /** Absolute path. */
  path: string;
  /** Relative to the current folder, for reports and diffs. */
  display: string;
  /** The current bytes, or null when the file is new. */
  before: Buffer | null;
  after: Buffer;
}

/**
 * Writes a group of files so that each is either fully old or fully new: temp file beside the target
 * (same filesystem, so rename is atomic), file mode kept, then rename. Temp files are removed on failure.
 */
export function commitWrites(writes: readonly PlannedWrite[]): void {
  // A rename cannot replace a folder: find that out before anything is renamed, so the group stays whole.
  for (const w of writes) {
    if (isDirectory(realTarget(w.path))) throw new Error(`${w.display} is a folder`);
  }
  const temps: { temp: string; target: string }[] = [];
  try {
    for (const w of writes) {
      // Write through a symlinked Dockerfile rather than replacing the link with a file.
      const target = realTarget(w.path);
      const temp = path.join(
        path.dirname(target),
        `.${path.basename(target)}.${process.pid}.${temps.length}.tmp`,
      );
      const mode = existingMode(target);
      fs.writeFileSync(temp, w.after, { mode: mode ?? 0o666 });
      if (mode !== null) fs.chmodSync(temp, mode);
      temps.push({ temp, target });
    }
    for (const t of temps) fs.renameSync(t.temp, t.target);
  } catch (error) {
    for (const t of temps) fs.rmSync(t.temp, { force: true });
    throw error;
  }
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function realTarget(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

function existingMode(file: string): number | null {
  try {
    return fs.statSync(file).mode & 0o7777;
  } catch {
    return null;
  }
}
