// The runtime stage's folders for the app: made again, and given to the non-root user the migration adds.
import type { Note } from '../../notes';
import type { JavaFacts } from '../../contract/facts';
import type { BuildCopy } from './artifact';
import { writableInPlace } from './needs';
import { javaNote } from './notes';
import type { JavaStageReading } from './stage';
import type { JavaUserPlan } from './user';

/**
 * The runtime stage's step for folders: the ones the app writes, made and given to the new user when the
 * original ran as root; else only the ones the original makes that the runtime stage would lack.
 */
export function foldersStep(
  reading: JavaStageReading,
  user: JavaUserPlan,
  needs: { writable: string[]; made: string[] },
  copies: BuildCopy[],
): { runs: string[]; notes: Note[] } {
  const { owner } = user;
  if (reading.user === null && user.user && owner && needs.writable.length) {
    // A folder copied whole from the build stage is given to the user by its COPY (no second layer of it).
    for (const c of copies) if (needs.writable.includes(c.from) && c.to === c.from) c.owner = owner;
    const rest = needs.writable.filter((d) => !copies.some((c) => c.owner && c.from === d));
    const notes = [javaNote('writable-dirs', { dirs: needs.writable.join(', '), user: user.user })];
    if (!rest.length) return { runs: [], notes };
    return { runs: [`mkdir -p ${rest.join(' ')} && chown -R ${owner} ${rest.join(' ')}`], notes };
  }
  if (!needs.made.length) return { runs: [], notes: [] };
  return {
    runs: [`mkdir -p ${needs.made.join(' ')}`],
    notes: [javaNote('dirs-made', { dirs: needs.made.join(', ') })],
  };
}

/** For a stage kept as the final one: the folders the app writes, given to the user the migration adds. */
export function inPlaceFolders(
  reading: JavaStageReading,
  java: JavaFacts,
  user: JavaUserPlan,
): { runs: string[]; notes: Note[] } {
  // The original's own RUN lines made its folders, as root.
  const writable = reading.user === null && user.user && user.owner ? writableInPlace(reading, java) : [];
  if (!writable.length) return { runs: [], notes: [] };
  const dirs = writable.join(' ');
  return {
    runs: [`mkdir -p ${dirs} && chown -R ${user.owner} ${dirs}`],
    notes: [javaNote('writable-dirs', { dirs: writable.join(', '), user: user.user ?? '' })],
  };
}
