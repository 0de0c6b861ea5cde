import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Spill files of finished runs are kept this long in the app's own spill folder, then removed (docs/recording.md, "Long runs"). */
export const SPILL_KEEP_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Removes the spill folders (`corelanes-XXXXXX`, spill-path.ts) in `dir` whose
 * newest file was last written more than `keepDays` ago: a run that wrote
 * its spill file that long ago has long finished. Only for a folder that is
 * Corelanes' own (the app's userData/spill); never for the OS temp folder,
 * where other programs' files live. Returns the folders removed; a folder it
 * cannot read or remove is left as it is.
 */
export function cleanOldSpills(dir: string, keepDays = SPILL_KEEP_DAYS, now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith('corelanes-'));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const folder = join(dir, name);
    try {
      const newest = Math.max(statSync(folder).mtimeMs, ...readdirSync(folder).map((f) => statSync(join(folder, f)).mtimeMs));
      if (now - newest <= keepDays * DAY_MS) continue;
      rmSync(folder, { recursive: true, force: true });
      removed.push(folder);
    } catch {
      /* in use or not ours to read: left alone */
    }
  }
  return removed;
}
