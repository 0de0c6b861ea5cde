import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parsePythonEvent, type FromWorker, type PythonEvent, type RunParams } from '../../../shared';
import { pythonWorkersScriptPath } from '../../python/worker-script';
import { listenerSet } from './listener-set';

/** Translates a Python worker's event into the engine's worker protocol. */
export function toWorkerMessage(e: PythonEvent): FromWorker | null {
  switch (e.ev) {
    case 'hello':
      return { type: 'hello', pid: e.pid, tid: e.tid, startedAtMono: e.t };
    case 'phase':
      return { type: 'phase', phase: e.phase, core: null, atMono: e.t };
    case 'progress':
      return { type: 'progress', unitsDone: e.units, heapBytes: null };
    case 'done':
      return { type: 'done', unitsDone: e.units };
    case 'error':
      return { type: 'error', message: e.message.slice(0, 4000), stack: null };
    default:
      return null;
  }
}

export interface PythonWorkerEvents {
  message: (m: FromWorker) => void;
  exit: (code: number | null, signal: string | null) => void;
}

/**
 * One `corelanes_workers.py serve` interpreter per run and kind: python-thread
 * workers are threads of it (they share its GIL), python-process workers are
 * its multiprocessing children. It dies when its stdin closes or its parent
 * dies (PR_SET_PDEATHSIG), and takes its children with it.
 */
export class PythonInterpreter {
  private child: ChildProcess | null = null;
  private readonly workers = new Map<string, PythonWorkerEvents>();
  private readonly exited = new Set<string>();
  private readonly stderrTail: string[] = [];
  readonly info = listenerSet<[Extract<PythonEvent, { ev: 'info' }>]>();

  constructor(
    private readonly python: string,
    private readonly threadEntry: string,
  ) {}

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  private start(): ChildProcess {
    if (this.child) return this.child;
    const script = pythonWorkersScriptPath(this.threadEntry);
    if (!script) throw new Error('corelanes_workers.py not found next to the worker entries or in src/workers/python');
    const child = spawn(this.python, ['-u', script, 'serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    child.stdin!.on('error', () => undefined);
    createInterface({ input: child.stdout! }).on('line', (line) => this.onLine(line));
    createInterface({ input: child.stderr! }).on('line', (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > 20) this.stderrTail.shift();
    });
    const gone = (code: number | null, signal: string | null) => {
      for (const [key, w] of this.workers) {
        if (this.exited.has(key)) continue;
        this.exited.add(key);
        if (code !== 0 || signal) {
          const why = this.stderrTail.slice(-3).join(' | ') || `${this.python} ended (${signal ?? `code ${code}`})`;
          w.message({ type: 'error', message: why.slice(0, 4000), stack: null });
        }
        w.exit(code, signal);
      }
    };
    child.once('error', (e) => {
      this.stderrTail.push(`${this.python}: ${e.message}`);
      gone(null, null);
    });
    child.once('exit', gone);
    return child;
  }

  private onLine(line: string): void {
    const e = parsePythonEvent(line);
    if (!e) return;
    if (e.ev === 'info') return this.info.emit(e);
    if (e.ev === 'finished') return;
    const w = e.key !== undefined ? this.workers.get(e.key) : undefined;
    if (!w) return;
    if (e.ev === 'exit') {
      if (this.exited.has(e.key)) return;
      this.exited.add(e.key);
      w.exit(e.code, null);
      return;
    }
    const m = toWorkerMessage(e);
    if (m) w.message(m);
  }

  private send(cmd: Record<string, unknown>): void {
    const child = this.child;
    if (child?.stdin?.writable) child.stdin.write(`${JSON.stringify(cmd)}\n`);
  }

  /** Starts one worker (a thread or a process of the interpreter) for a run's params. */
  startWorker(key: string, what: 'thread' | 'process', params: RunParams, events: PythonWorkerEvents): void {
    this.start();
    this.workers.set(key, events);
    const workload = params.workload === 'io' ? 'io' : 'cpu';
    this.send({ cmd: what, key, workload, duration: params.durationS, units: params.workUnits });
  }

  stopWorker(key: string): void {
    this.send({ cmd: 'stop', key });
  }

  killWorker(key: string): void {
    this.send({ cmd: 'kill', key });
  }

  /** Sends a signal to the interpreter itself (e.g. SIGABRT: every thread of it ends). */
  signal(sig: NodeJS.Signals): void {
    if (this.child && this.child.exitCode === null) this.child.kill(sig);
  }

  /** Closes stdin (the interpreter ends its workers and exits), then SIGKILL after a grace period. */
  dispose(graceMs = 1500): void {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.stdin?.end();
    const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
    t.unref();
    child.once('exit', () => clearTimeout(t));
  }
}
