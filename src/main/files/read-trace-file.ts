import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readTraceBytes, tooLarge, TRACE_LIMITS, type Trace } from '../../shared';
import { reasonOf } from './fs-reason';

/** An error already worded for the user. */
class ContentError extends Error {}

/**
 * Opens a trace file (plain or gzip JSON) from disk. Its size is checked on
 * the open descriptor before a byte is read, so a 2 GB file costs nothing.
 * Throws an Error whose message is one line naming the file: `PATH: This
 * trace file ends too early…`, or `cannot open PATH: there is no such file`.
 * A streamed trace cut mid-run opens up to its last whole chunk, and
 * `onNotice` hears where it ends (`PATH: trace ends at 12.4 s: ...`).
 */
export function readTraceFile(path: string, onNotice?: (line: string) => void): Trace {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot open ${path}: ${code === 'ENOENT' ? 'there is no such file' : reasonOf(code)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new ContentError(`cannot open ${path}: it is a directory`);
    if (stat.size > TRACE_LIMITS.maxFileBytes) throw new ContentError(`${path}: ${tooLarge('This file', stat.size, TRACE_LIMITS.maxFileBytes)}`);
    const bytes = new Uint8Array(stat.size);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) break; // shrank while reading: what was read is judged as it is
      at += n;
    }
    const read = readTraceBytes(bytes.subarray(0, at));
    if (!read.ok) throw new ContentError(`${path}: ${read.error}`);
    if (read.notice) onNotice?.(`${path}: ${read.notice}`);
    return read.trace;
  } catch (error) {
    if (error instanceof ContentError) throw error;
    throw new Error(`cannot open ${path}: ${reasonOf((error as NodeJS.ErrnoException).code)}`);
  } finally {
    closeSync(fd);
  }
}
