import { accessSync, closeSync, constants, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultFileName, encodeTraceText, GZIP_FROM_BYTES, type FileKind, type RunInfo } from '../../../shared';
import { writeFileAtomic } from '../../files/atomic-write';
import { reasonOf } from '../../files/fs-reason';

/**
 * Checks, before any run starts, that the trace can be written to `path`:
 * its folder exists and is writable, and it is not a folder itself. Returns
 * the absolute path or throws an Error with one line saying why not.
 */
export function checkWritable(path: string, what = 'the trace'): string {
  const absolute = resolve(path);
  let isDir = false;
  try {
    isDir = statSync(absolute).isDirectory();
  } catch {
    /* does not exist yet: the folder decides */
  }
  if (isDir) throw new Error(`cannot write ${what} to ${path}: it is a directory`);
  const dir = dirname(absolute);
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new Error(`cannot write ${what} to ${path}: the folder ${dir} does not exist`);
  }
  try {
    accessSync(dir, constants.W_OK);
    try {
      accessSync(absolute, constants.W_OK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  } catch {
    throw new Error(`cannot write ${what} to ${path}: permission denied`);
  }
  // Some folders say "writable" and still refuse new files (/proc, /sys, read-only mounts): try it.
  try {
    closeSync(openSync(absolute, 'wx'));
    unlinkSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') throw new Error(`cannot write ${what} to ${path}: ${reasonOf(code)}`);
  }
  return absolute;
}

/**
 * Where `--out` goes: a path, or (`--out` alone, commander's `true`) the
 * default name in the current folder, which needs the run's scenario and
 * start and so is chosen only when writing. Checked before anything runs.
 */
export interface OutTarget {
  path: string | null;
  dir: string;
}

export function checkOut(out: string | true | undefined, what = 'the trace'): OutTarget | null {
  if (out === undefined) return null;
  if (out === true) {
    // The name is not known yet: check the folder with a probe name.
    checkWritable(join(process.cwd(), `.corelanes-write-check-${process.pid}`), what);
    return { path: null, dir: process.cwd() };
  }
  const path = checkWritable(out, what);
  return { path, dir: dirname(path) };
}

/** The file a target names for a run: its own path, or the default name for the kind of file. */
export function outPath(target: OutTarget, run: RunInfo, kind: FileKind): string {
  return target.path ?? join(target.dir, defaultFileName(run, kind));
}

/** Writes bytes atomically (temp file, then rename), turning a file-system error into one line. */
export function writeOutFile(path: string, data: Uint8Array | string, what = 'the trace'): void {
  try {
    writeFileAtomic(path, data);
  } catch (error) {
    throw new Error(`cannot write ${what} to ${path}: ${reasonOf((error as NodeJS.ErrnoException).code)}`);
  }
}

/**
 * Writes a trace to its target and returns the path: gzip-compressed when the
 * path ends in .gz, or, for a default name, when the JSON is large
 * (GZIP_FROM_BYTES, then `.corelanes.json.gz`).
 */
export function writeTraceOut(target: OutTarget, trace: { run: RunInfo }, gzipFromBytes = GZIP_FROM_BYTES): string {
  const text = JSON.stringify(trace);
  const gzip = target.path ? target.path.endsWith('.gz') : text.length >= gzipFromBytes;
  const path = outPath(target, trace.run, gzip ? 'trace-gz' : 'trace');
  writeOutFile(path, encodeTraceText(text, gzip));
  return path;
}
