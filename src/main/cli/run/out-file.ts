import { accessSync, closeSync, constants, openSync, statSync, unlinkSync } from 'node:fs';
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
  // Some folders say "writable" and still refuse new files (/proc, /sys, read-only mounts): try it.
  try {
    closeSync(openSync(absolute, 'wx'));
    unlinkSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') throw new Error(`cannot write the trace to ${path}: ${reasonOf(code)}`);
  }
  return absolute;
}

/** A one-line reason for a file-system error code, in words. */
export function reasonOf(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'that folder does not accept new files';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return code ? `the system refused it (${code})` : 'the system refused it';
  }
}

/** Writes the trace, turning a file-system error into one line (the run's summary is still printed). */
export function writeTraceFile(path: string, text: string, write: (p: string, t: string) => void): void {
  try {
    write(path, text);
  } catch (error) {
    throw new Error(`cannot write the trace to ${path}: ${reasonOf((error as NodeJS.ErrnoException).code)}`);
  }
}
