import { closeSync, fchmodSync, fstatSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { streamLineText, type StreamLine } from '../../shared';
import { reasonOf } from './fs-reason';

/**
 * Appends the lines of a streamed trace (docs/trace-format.md, "Streamed
 * traces") to one file, each line its own gzip member, written through at
 * once: a process killed mid-run leaves every line written before. The file
 * is created readable by its owner only (0600): a trace names the user's
 * programs and arguments, and other users of the machine are in the threat
 * model. Any failure (a full disk) throws one line naming the file.
 */
export class StreamWriter {
  private fd: number | null;
  bytes = 0;

  private constructor(
    readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  static create(path: string): StreamWriter {
    let fd: number;
    try {
      fd = openSync(path, 'w', 0o600);
      // An existing file keeps its mode on open: make it the owner's alone too (a regular file only, never a device).
      if (fstatSync(fd).isFile()) fchmodSync(fd, 0o600);
    } catch (error) {
      throw new Error(`cannot write the trace to ${path}: ${reasonOf((error as NodeJS.ErrnoException).code)}`);
    }
    return new StreamWriter(path, fd);
  }

  write(line: StreamLine): void {
    if (this.fd === null) throw new Error(`cannot write the trace to ${this.path}: it was already closed`);
    const bytes = gzipSync(streamLineText(line), { level: 1 });
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at, bytes.length - at);
      this.bytes += bytes.length;
    } catch (error) {
      throw new Error(`cannot write the trace to ${this.path}: ${reasonOf((error as NodeJS.ErrnoException).code)}`);
    }
  }

  /** Flushes to disk and closes; once. */
  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      fsyncSync(fd);
    } catch (error) {
      // EINVAL: a file that cannot be synced (a pipe, a device): nothing waits in a cache for it.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EINVAL') throw new Error(`cannot write the trace to ${this.path}: ${reasonOf(code)}`);
    } finally {
      closeSync(fd);
    }
  }
}
