import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export type RigName = 'task-worker' | 'race-counter' | 'echo' | 'crash-victim';

/** Rig entries are built next to the thread entry, under rigs/ (scripts/build-cli.mjs). */
export function rigEntryPath(threadEntry: string, name: RigName): string {
  return join(dirname(threadEntry), 'rigs', `${name}${extname(threadEntry)}`);
}

/**
 * Finds a built rig entry: next to the given thread entry, else next to this
 * bundle (out/cli/corelanes.js -> out/cli/workers/rigs), else in out/cli of an
 * enclosing folder (running from the sources). Throws a one-line error.
 */
export function findRigEntry(name: RigName, threadEntry?: string): string {
  const candidates: string[] = [];
  if (threadEntry) candidates.push(rigEntryPath(threadEntry, name));
  let dir = dirname(fileURLToPath(import.meta.url));
  candidates.push(join(dir, 'workers', 'rigs', `${name}.js`));
  for (let i = 0; i < 6; i++) {
    candidates.push(join(dir, 'out', 'cli', 'workers', 'rigs', `${name}.js`));
    dir = dirname(dir);
  }
  const hit = candidates.find((c) => existsSync(c));
  if (!hit) throw new Error(`the '${name}' rig worker is not built (run \`npm run build\`)`);
  return hit;
}

/** A rig worker, thread or process, behind one small interface. */
export interface RigChild {
  readonly pid: number | null;
  send(message: unknown, transfer?: ArrayBuffer[]): void;
  /** Resolves with the next message that matches. */
  next<T = Record<string, unknown>>(match: (m: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<T>;
  on(listener: (m: Record<string, unknown>) => void): () => void;
  readonly exited: Promise<{ code: number | null; signal: string | null }>;
  kill(): Promise<void>;
}

export function spawnRig(kind: 'thread' | 'process', entry: string, workerData?: unknown): RigChild {
  const listeners = new Set<(m: Record<string, unknown>) => void>();
  const dispatch = (m: unknown) => {
    if (m && typeof m === 'object') for (const l of [...listeners]) l(m as Record<string, unknown>);
  };
  let worker: Worker | null = null;
  let child: ChildProcess | null = null;
  let exited: Promise<{ code: number | null; signal: string | null }>;
  if (kind === 'thread') {
    worker = new Worker(entry, { workerData });
    worker.on('message', dispatch);
    worker.on('error', () => undefined);
    const w = worker;
    exited = new Promise((resolve) => w.once('exit', (code) => resolve({ code, signal: null })));
  } else {
    // 'advanced' serialization: binary payloads cross as structured clones, not JSON.
    child = fork(entry, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'], execArgv: [] });
    child.on('message', dispatch);
    child.on('error', () => undefined);
    const c = child;
    exited = new Promise((resolve) => c.once('exit', (code, signal) => resolve({ code, signal })));
  }
  return {
    get pid() {
      return child ? (child.pid ?? null) : process.pid;
    },
    send(message, transfer) {
      if (worker) worker.postMessage(message, transfer ?? []);
      else if (child?.connected) child.send(message as never);
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    next(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(l);
          reject(new Error(`rig ${entry}: no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        const l = (m: Record<string, unknown>) => {
          if (!match(m)) return;
          clearTimeout(timer);
          listeners.delete(l);
          resolve(m as never);
        };
        listeners.add(l);
      });
    },
    exited,
    async kill() {
      if (worker) await worker.terminate();
      else if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
