import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Checks, before any run starts, that the trace can be written to `path`:
 * its folder exists and is writable, and it is not a folder itself. Returns
 * the absolute path or throws an Error with one line saying why not.
 */
export function checkWritable(path: string): string {
  const absolute = resolve(path);
  let isDir = false;
  try {
    isDir = statSync(absolute).isDirectory();
  } catch {
    /* does not exist yet: the folder decides */
  }
  if (isDir) throw new Error(`cannot write the trace to ${path}: it is a directory`);
  const dir = dirname(absolute);
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new Error(`cannot write the trace to ${path}: the folder ${dir} does not exist`);
  }
  try {
    accessSync(dir, constants.W_OK);
    try {
      accessSync(absolute, constants.W_OK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  } catch {
    throw new Error(`cannot write the trace to ${path}: permission denied`);
  }
  return absolute;
}
