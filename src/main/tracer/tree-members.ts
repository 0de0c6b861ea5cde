import { readdirSync, readFileSync } from 'node:fs';
import { parseTaskStat } from '../../node/proc/task-stat';
import { identify, isSameProcess, realProc, type ProcessIdentity } from './process-identity';

/** The environment variable every traced process inherits: how its descendants are found after they leave the tree. */
export const TREE_COOKIE_VAR = 'CORELANES_TRACED_TREE';

function readBytes(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

function childrenOf(pid: number): number[] {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const out = new Set<number>();
  for (const tid of tids) {
    const text = readBytes(`/proc/${pid}/task/${tid}/children`)?.toString('latin1') ?? '';
    for (const c of text.split(' ')) if (/^\d+$/.test(c)) out.add(Number(c));
  }
  return [...out];
}

/**
 * The live descendants of `root` (root included), each identified by the same
 * stat read that shows its parent is the process that listed it: a pid that
 * ended and was reused between the two reads is not taken for a child.
 */
export function verifiedDescendants(root: ProcessIdentity): ProcessIdentity[] {
  if (!isSameProcess(root)) return [];
  const found = new Map<number, ProcessIdentity>([[root.pid, root]]);
  const queue = [root.pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const pid of childrenOf(parent)) {
      if (found.has(pid)) continue;
      const text = realProc.stat(pid);
      const st = text === null ? null : parseTaskStat(text);
      if (!st || st.ppid !== parent || st.startTime === null || st.state === 'Z') continue;
      found.set(pid, { pid, startTime: st.startTime });
      queue.push(pid);
    }
  }
  return [...found.values()];
}

/**
 * Every live process whose environment carries the tree's cookie: a
 * descendant that double-forked (reparented to init or a subreaper) or left
 * the session with setsid still has it. Its identity is read before and after
 * its environment, so the environment is that process's.
 */
export function cookieHolders(cookie: string): ProcessIdentity[] {
  const needle = Buffer.from(`${TREE_COOKIE_VAR}=${cookie}\0`, 'utf8');
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const out: ProcessIdentity[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    const before = identify(pid);
    if (!before) continue;
    const environ = readBytes(`/proc/${pid}/environ`);
    if (!environ || environ.indexOf(needle) < 0) continue;
    if (isSameProcess(before)) out.push(before);
  }
  return out;
}
