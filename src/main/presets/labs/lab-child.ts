import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChildHandle, ProcessHost } from '../../engine/hosts/process-host';

export const LAB_NAMES = ['task-worker', 'race-counter', 'echo', 'crash-host'] as const;
export type LabName = (typeof LAB_NAMES)[number];

/**
 * Where lab workers come from: lab processes start through the host's own
 * ProcessHost, the same as workload processes (utilityProcess.fork in
 * Electron, where child_process.fork fails once the runAsNode fuse is off;
 * child_process.fork in plain Node). A PresetContext is one.
 */
export interface LabHost {
  processHost: ProcessHost;
  /** Built thread entry, to find the lab entries next to it; found by search when absent. */
  threadEntry?: string;
}

/** Lab entries are built next to the thread entry, under labs/ (scripts/build-cli.mjs). */
export function labEntryPath(threadEntry: string, name: LabName): string {
  return join(dirname(threadEntry), 'labs', `${name}${extname(threadEntry)}`);
}

/**
 * Finds a built lab entry: next to the given thread entry, else next to this
 * bundle (out/cli/corelanes.js -> out/cli/workers/labs), else in out/cli of an
 * enclosing folder (running from the sources). Throws a one-line error.
 */
export function findLabEntry(name: LabName, threadEntry?: string): string {
  const candidates: string[] = [];
  if (threadEntry) candidates.push(labEntryPath(threadEntry, name));
  let dir = dirname(fileURLToPath(import.meta.url));
  candidates.push(join(dir, 'workers', 'labs', `${name}.js`));
  for (let i = 0; i < 6; i++) {
    candidates.push(join(dir, 'out', 'cli', 'workers', 'labs', `${name}.js`));
    dir = dirname(dir);
  }
  const hit = candidates.find((c) => existsSync(c));
  if (!hit) throw new Error(`the '${name}' lab worker is not built (run \`npm run build\`)`);
  return hit;
}

/** A lab worker, thread or process, behind one small interface. */
export interface LabChild {
  readonly pid: number | null;
  send(message: unknown, transfer?: ArrayBuffer[]): void;
  /** Resolves with the next message that matches. */
  next<T = Record<string, unknown>>(match: (m: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<T>;
  on(listener: (m: Record<string, unknown>) => void): () => void;
  readonly exited: Promise<{ code: number | null; signal: string | null }>;
  kill(): Promise<void>;
}

type Exit = { code: number | null; signal: string | null };

/** The part of a lab child that differs between a thread and a process. */
interface LabChannel {
  readonly pid: number | null;
  send(message: unknown, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
  readonly exited: Promise<Exit>;
  kill(): Promise<void>;
}

function labChild(entry: string, channel: LabChannel): LabChild {
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
          reject(new Error(`lab ${entry}: no answer within ${timeoutMs} ms`));
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

/** A lab worker thread of this process. */
export function spawnLabThread(entry: string, workerData?: unknown): LabChild {
  const worker = new Worker(entry, { workerData });
  worker.on('error', () => undefined);
  return labChild(entry, {
    pid: process.pid,
    send: (message, transfer) => worker.postMessage(message, transfer ?? []),
    onMessage: (listener) => void worker.on('message', listener),
    exited: new Promise((resolve) => worker.once('exit', (code) => resolve({ code, signal: null }))),
    kill: async () => void (await worker.terminate()),
  });
}

/** A lab process, started through the host's ProcessHost (see LabHost). */
export function spawnLabProcess(entry: string, processHost: ProcessHost): LabChild {
  const child: ChildHandle = processHost.fork(entry, { serviceName: `corelanes-lab-${basename(entry, extname(entry))}` });
  let ended = false;
  const exited = new Promise<Exit>((resolve) =>
    child.onExit((code, signal) => {
      ended = true;
      resolve({ code, signal });
    }),
  );
  return labChild(entry, {
    get pid() {
      return child.pid ?? null;
    },
    // Both hosts pass structured clones (binary payloads stay binary); nothing is transferred to another process.
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

/** A lab worker of either kind: a thread of this process, or a process through labs.processHost. */
export function spawnLab(kind: 'thread' | 'process', entry: string, labs: LabHost): LabChild {
  return kind === 'thread' ? spawnLabThread(entry) : spawnLabProcess(entry, labs.processHost);
}
