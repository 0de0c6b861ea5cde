import { closeSync, openSync, readFileSync, readSync, readlinkSync } from 'node:fs';
import { parseThreadSelfLink } from './parse';
import { parseTaskStat, type TaskStat } from './task-stat';

/**
 * The calling thread as /proc/thread-self shows it (Linux). A worker thread
 * learns its own OS tid this way, and a running thread reading its own field
 * 39 gets its exact core. Everything returns null where /proc does not exist.
 */

/** The calling thread's pid and OS tid, from the /proc/thread-self link. */
export function threadSelfIds(): { pid: number; tid: number } | null {
  try {
    return parseThreadSelfLink(readlinkSync('/proc/thread-self'));
  } catch {
    return null;
  }
}

/**
 * The calling thread's tid and current core, reading its stat once. Opened per
 * call rather than kept open (openSelfStat): a crashed gil-thread leaves no fd behind.
 */
export function readSelfStat(): { tid: number | null; core: number | null } {
  try {
    const stat = parseTaskStat(readFileSync('/proc/thread-self/stat', 'latin1'));
    return { tid: stat?.id ?? null, core: stat?.core ?? null };
  } catch {
    return { tid: null, core: null };
  }
}

/** The calling thread's own stat through one fd kept open (positional read at offset 0, ~3 us a read). */
export interface SelfStat {
  read(): TaskStat | null;
  close(): void;
}

export function openSelfStat(): SelfStat {
  let fd: number | null = null;
  try {
    fd = openSync('/proc/thread-self/stat', 'r');
  } catch {
    fd = null;
  }
  const buf = Buffer.alloc(1024);
  return {
    read() {
      if (fd === null) return null;
      try {
        const n = readSync(fd, buf, 0, buf.length, 0);
        return parseTaskStat(buf.toString('latin1', 0, n));
      } catch {
        return null;
      }
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
