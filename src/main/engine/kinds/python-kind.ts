import type { WorkerKind } from '../../../shared';
import { monoMs } from '../../../node/clock';
import { findPython } from '../../python/discover';
import { applyGilWaitsFromStates, applyInferredGilWait } from '../../python/gil-inference';
import type { KindDefinition, KindDriver, WorkerExit, WorkerHandle } from './kind-driver';
import { listenerSet } from './listener-set';
import { PythonGilWatch } from './python-gil-watch';
import { PythonInterpreter } from './python-interpreter';

/**
 * The python-thread and python-process kinds: workers of one real CPython
 * interpreter per run (see PythonInterpreter). A thread cannot be killed in Python,
 * only asked to stop; 'abort' aborts the whole interpreter, which ends every
 * thread of it, as a fatal error in a real program would.
 */
export function pythonKind(kind: Extract<WorkerKind, 'python-thread' | 'python-process'>): KindDefinition {
  const what = kind === 'python-thread' ? 'thread' : 'process';
  return {
    kind,
    availability: async () => {
      const p = await findPython('python3');
      return p.available ? { available: true, reason: null } : { available: false, reason: p.reason };
    },
    create: (context): KindDriver => {
      const interpreter = new PythonInterpreter(context.params.python, context.entries.thread);
      // Threads of one interpreter share its GIL: infer who waits for it, as `corelanes trace` does.
      // Only for threads (a python-process worker has its own interpreter) and only with a GIL.
      const gilWatch = what === 'thread' ? new PythonGilWatch(() => Math.max(0, monoMs() - context.runStartMono)) : null;
      if (gilWatch) {
        interpreter.info.add((info) => {
          if (info.gil && interpreter.pid !== null) gilWatch.start(interpreter.pid);
        });
      }
      return {
        kind,
        taskKind: kind,
        spawn(request): WorkerHandle {
          const key = request.taskId;
          const messages = listenerSet<[unknown]>();
          const exits = listenerSet<[WorkerExit]>();
          let pid: number | null = null;
          let exited = false;
          interpreter.startWorker(key, what, context.params, {
            message: (m) => {
              if (m.type === 'hello') {
                pid = m.pid;
                if (m.tid !== null) gilWatch?.addWorker(m.tid, key);
              }
              messages.emit(m);
            },
            exit: (code, signal) => {
              exited = true;
              exits.emit({ code, signal, error: null });
            },
          });
          return {
            get pid() {
              return pid ?? (what === 'thread' ? interpreter.pid : null);
            },
            phaseSlot: null,
            post: (message) => {
              if (exited) return;
              if (message.type === 'stop') interpreter.stopWorker(key);
              else if (message.type === 'misbehave') {
                if (message.how === 'abort') interpreter.signal('SIGABRT');
                else if (message.how === 'exit' || message.how === 'throw') interpreter.killWorker(key);
                // 'hang': a Python worker cannot be made to hang from outside; ignored.
              }
              // 'start': the worker already started with the run's params when spawned.
            },
            kill: () => {
              if (!exited) interpreter.killWorker(key);
            },
            onMessage: messages.add,
            onExit: exits.add,
          };
        },
        dispose: () => {
          gilWatch?.stop();
          interpreter.dispose();
        },
        // The futex look every 20 ms, then the waits that follow from who ran (as `corelanes trace`).
        ...(gilWatch ? { inferSegments: (segments) => applyGilWaitsFromStates(applyInferredGilWait(segments, gilWatch.intervals()), gilWatch.gilPidOf()) } : {}),
      };
    },
  };
}
