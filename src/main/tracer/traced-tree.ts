import { randomBytes } from 'node:crypto';
import { identify, isSameProcess, signalVerified, type ProcessIdentity } from './process-identity';
import { cookieHolders, verifiedDescendants } from './tree-members';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** SIGKILL rounds at most: each finds what the last one's targets forked in between. */
const KILL_ROUNDS = 20;

/** Every tree not ended yet: ended with SIGKILL if this process exits first (a crash, process.exit). */
const unended = new Set<TracedTree>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const tree of unended) tree.endNow();
  });
}

/**
 * The processes of one traced command, and how to end them all without ever
 * signalling a process that is not one of them. A member is
 * - a live descendant of the command, by a verified parent chain;
 * - a process seen in the tree earlier, if it is still that process;
 * - a live process that carries the tree's cookie in its environment, which
 *   every descendant inherits: one that double-forked or called setsid is
 *   still found (what a child subreaper would give, without prctl).
 * Each signal goes to an identity (pid and start time) checked right before it.
 */
export class TracedTree {
  /** Random per command; put in its environment (TREE_COOKIE_VAR). */
  readonly cookie = randomBytes(16).toString('hex');
  private root: ProcessIdentity | null = null;
  private readonly seen = new Map<number, ProcessIdentity>();

  constructor() {
    installExitHook();
    unended.add(this);
  }

  /** The command started: its pid, identified at once. */
  started(pid: number): void {
    this.root = identify(pid);
  }

  /** A process the tree follower saw, with the start time it read. */
  saw(pid: number, startTime: number): void {
    if (!this.seen.has(pid)) this.seen.set(pid, { pid, startTime });
  }

  /** Every live member now, each identified. */
  members(): ProcessIdentity[] {
    const all = new Map<string, ProcessIdentity>();
    const add = (id: ProcessIdentity) => all.set(`${id.pid}:${id.startTime}`, id);
    if (this.root) verifiedDescendants(this.root).forEach(add);
    for (const id of this.seen.values()) if (isSameProcess(id)) add(id);
    cookieHolders(this.cookie).forEach(add);
    return [...all.values()];
  }

  /** SIGTERM to every member, SIGKILL after `graceMs` to whatever is left, until none is. */
  async end(graceMs: number): Promise<void> {
    const first = this.signalAll('SIGTERM');
    if (first.length > 0) {
      const until = Date.now() + graceMs;
      while (Date.now() < until && first.some((id) => isSameProcess(id))) await sleep(25);
      for (let round = 0; round < KILL_ROUNDS && this.signalAll('SIGKILL').length > 0; round++) await sleep(10);
    }
    unended.delete(this);
  }

  /** At once, synchronously (the process is exiting): SIGKILL rounds until no member is left. */
  endNow(): void {
    for (let round = 0; round < KILL_ROUNDS && this.signalAll('SIGKILL').length > 0; round++);
    unended.delete(this);
  }

  /** Signals every member (and the command's process group while the command itself is alive); returns who was signalled. */
  private signalAll(signal: NodeJS.Signals): ProcessIdentity[] {
    // The group's id is the command's pid: it names our group only while that very process lives.
    if (this.root && isSameProcess(this.root)) {
      try {
        process.kill(-this.root.pid, signal);
      } catch {
        /* the group is gone */
      }
    }
    return this.members().filter((id) => signalVerified(id, signal));
  }
}
