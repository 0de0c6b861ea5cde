import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChildHandle, ProcessLauncher } from '../../engine/launchers/process-launcher';

export const RIG_NAMES = ['task-worker', 'race-counter', 'echo', 'crash-victim'] as const;
export type RigName = (typeof RIG_NAMES)[number];

/**
 * Where rig workers come from: rig processes start through the front end's
 * own ProcessLauncher, the same as workload processes (utilityProcess.fork in
 * Electron, where child_process.fork fails once the runAsNode fuse is off;
 * child_process.fork in plain Node). A PresetContext is one.
 */
export interface RigContext {
  launcher: ProcessLauncher;
  /** Built thread entry, to find the rig entries next to it; found by search when absent. */
  threadEntry?: string;
}

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

type Exit = { code: number | null; signal: string | null };

/** The part of a rig child that differs between a thread and a process. */
interface RigChannel {
  readonly pid: number | null;
  send(message: unknown, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
  readonly exited: Promise<Exit>;
  kill(): Promise<void>;
}

function rigChild(entry: string, channel: RigChannel): RigChild {
  const listeners = new Set<(m: Record<string, unknown>) => void>();
  channel.onMessage((m) => {
    if (m && typeof m === 'object') for (const l of [...listeners]) l(m as Record<string, unknown>);
  });
  return {
    get pid() {
      return channel.pid;
    },
    send: (message, transfer) => channel.send(message, transfer),
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
    exited: channel.exited,
    kill: () => channel.kill(),
  };
}

/** A rig worker thread of this process. */
export function spawnRigThread(entry: string, workerData?: unknown): RigChild {
  const worker = new Worker(entry, { workerData });
  worker.on('error', () => undefined);
  return rigChild(entry, {
    pid: process.pid,
    send: (message, transfer) => worker.postMessage(message, transfer ?? []),
    onMessage: (listener) => void worker.on('message', listener),
    exited: new Promise((resolve) => worker.once('exit', (code) => resolve({ code, signal: null }))),
    kill: async () => void (await worker.terminate()),
  });
}

/** A rig process, started through the front end's ProcessLauncher (see RigContext). */
export function spawnRigProcess(entry: string, launcher: ProcessLauncher): RigChild {
  const child: ChildHandle = launcher.fork(entry, { serviceName: `corelanes-rig-${basename(entry, extname(entry))}` });
  let ended = false;
  const exited = new Promise<Exit>((resolve) =>
    child.onExit((code, signal) => {
      ended = true;
      resolve({ code, signal });
    }),
  );
  return rigChild(entry, {
    get pid() {
      return child.pid ?? null;
    },
    // Both launchers pass structured clones (binary payloads stay binary); nothing is transferred to another process.
    send: (message) => child.postMessage(message),
    onMessage: (listener) => void child.onMessage(listener),
    exited,
    async kill() {
      if (ended) return;
      child.kill();
      await exited;
    },
  });
}

/** A rig worker of either kind: a thread of this process, or a process through rigs.launcher. */
export function spawnRig(kind: 'thread' | 'process', entry: string, rigs: RigContext): RigChild {
  return kind === 'thread' ? spawnRigThread(entry) : spawnRigProcess(entry, rigs.launcher);
}
