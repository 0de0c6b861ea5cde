import { closeSync, openSync, readSync } from 'node:fs';

/** One scratch buffer per thread: the sampler reads files one at a time. */
const scratch = Buffer.allocUnsafe(8192);

/**
 * A /proc file kept open and re-read from offset 0 (positional read), which
 * costs a third of readFileSync (DESIGN.md section 5). A read of a task that
 * has exited fails (ESRCH); read() then returns null.
 */
export class ProcFile {
  private fd: number | null;

  private constructor(
    readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Opens the file, or returns null when it does not exist (task gone, not Linux). */
  static open(path: string): ProcFile | null {
    try {
      return new ProcFile(path, openSync(path, 'r'));
    } catch {
      return null;
    }
  }

  read(maxBytes = scratch.length): string | null {
    const raw = this.readRaw(maxBytes);
    return raw === null ? null : raw.toString('latin1');
  }

  /** Like read(), as a view of the shared scratch buffer (valid until the next read). */
  readRaw(maxBytes = scratch.length): Buffer | null {
    if (this.fd === null) return null;
    try {
      const n = readSync(this.fd, scratch, 0, Math.min(maxBytes, scratch.length), 0);
      return scratch.subarray(0, n);
    } catch {
      return null;
    }
  }

  close(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // already closed: nothing to release
    }
    this.fd = null;
  }
}
