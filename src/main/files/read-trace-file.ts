import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { isGzip, readTraceBytes, startsTraceStream, tooLarge, TraceStreamBytesReader, TRACE_LIMITS, type ReadTraceResult, type Trace } from '../../shared';
import { reasonOf } from './fs-reason';

/** A streamed trace is read a slice at a time, never whole, so it may be far larger than a single document (a run of hours). */
export const MAX_STREAM_FILE_BYTES = 8 * 1024 ** 3;
const READ_SLICE = 1024 * 1024;

/** A streamed trace from its descriptor, slice by slice (memory holds the records kept, not the file). */
function readStreamFile(fd: number, size: number): ReadTraceResult {
  const reader = new TraceStreamBytesReader();
  const slice = new Uint8Array(READ_SLICE);
  for (let at = 0; ; ) {
    const n = readSync(fd, slice, 0, slice.length, at);
    at += n;
    reader.push(slice.subarray(0, n), n === 0 || at >= size);
    if (n === 0 || at >= size) return reader.result();
  }
}

function readWhole(fd: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let at = 0;
  while (at < bytes.length) {
    const n = readSync(fd, bytes, at, bytes.length - at, at);
    if (n === 0) break; // shrank while reading: what was read is judged as it is
    at += n;
  }
  return bytes.subarray(0, at);
}

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
    const head = new Uint8Array(4096);
    const streamed = isStreamed(path, head.subarray(0, readSync(fd, head, 0, head.length, 0)), stat.size);
    return traceOf(path, streamed ? readStreamFile(fd, stat.size) : readTraceBytes(readWhole(fd, stat.size)), onNotice);
  } catch (error) {
    throw asOneLine(path, error);
  } finally {
    closeSync(fd);
  }
}

/**
 * readTraceFile without holding the thread: a streamed file is read a slice
 * at a time with the event loop turning between slices, so a server reading
 * back a spilled run of millions of records (seconds) still answers its other
 * clients and heartbeats. Same checks, same one-line errors.
 */
export async function readTraceFileAsync(path: string, onNotice?: (line: string) => void): Promise<Trace> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot open ${path}: ${code === 'ENOENT' ? 'there is no such file' : reasonOf(code)}`);
  }
  try {
    const stat = await fh.stat();
    if (stat.isDirectory()) throw new ContentError(`cannot open ${path}: it is a directory`);
    const head = new Uint8Array(4096);
    const streamed = isStreamed(path, head.subarray(0, (await fh.read(head, 0, head.length, 0)).bytesRead), stat.size);
    if (!streamed) return traceOf(path, readTraceBytes(await fh.readFile()), onNotice);
    const reader = new TraceStreamBytesReader();
    const slice = new Uint8Array(READ_SLICE);
    for (let at = 0; ; ) {
      const { bytesRead } = await fh.read(slice, 0, slice.length, at);
      at += bytesRead;
      const last = bytesRead === 0 || at >= stat.size;
      reader.push(slice.subarray(0, bytesRead), last);
      if (last) return traceOf(path, reader.result(), onNotice);
    }
  } catch (error) {
    throw asOneLine(path, error);
  } finally {
    await fh.close();
  }
}

/** Whether the head starts a streamed trace; a file past its format's size limit is refused before a byte more is read. */
function isStreamed(path: string, headBytes: Uint8Array, size: number): boolean {
  const streamed = isGzip(headBytes) && startsTraceStream(headBytes);
  if (streamed && size > MAX_STREAM_FILE_BYTES) throw new ContentError(`${path}: ${tooLarge('This streamed trace', size, MAX_STREAM_FILE_BYTES)}`);
  if (!streamed && size > TRACE_LIMITS.maxFileBytes) throw new ContentError(`${path}: ${tooLarge('This file', size, TRACE_LIMITS.maxFileBytes)}`);
  return streamed;
}

function traceOf(path: string, read: ReadTraceResult, onNotice?: (line: string) => void): Trace {
  if (!read.ok) throw new ContentError(`${path}: ${read.error}`);
  if (read.notice) onNotice?.(`${path}: ${read.notice}`);
  return read.trace;
}

function asOneLine(path: string, error: unknown): Error {
  if (error instanceof ContentError) return error;
  return new Error(`cannot open ${path}: ${reasonOf((error as NodeJS.ErrnoException).code)}`);
}
