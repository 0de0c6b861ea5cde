import type { KindDefinition, KindDriver, WorkerExit, WorkerHandle } from './kind-driver';
import { listenerSet } from './listener-set';

/**
 * `process`: the process entry started through the front end's ProcessLauncher
 * (child_process.fork in Node, utilityProcess.fork in Electron): its own address space.
 */
export const processKind: KindDefinition = {
  kind: 'process',
  availability: async () => ({ available: true, reason: null }),
  create: (context): KindDriver => ({
    kind: 'process',
    taskKind: 'process',
    spawn(request): WorkerHandle {
      const child = context.launcher.fork(context.entries.process, {
        serviceName: `corelanes-worker-${request.index}`,
        // The entry exits when its parent pid is not this one (see src/workers/runtime/parent-watch.ts).
        env: { CORELANES_TASK_ID: request.taskId, CORELANES_PARENT_PID: String(process.pid) },
      });
      const exits = listenerSet<[WorkerExit]>();
      let exited = false;
      child.onExit((code, signal) => {
        exited = true;
        // A crash dump (e.g. V8's native stack trace after an abort) goes into the exit detail, not the terminal.
        const abnormal = signal !== null || (code !== null && code !== 0);
        exits.emit({ code, signal, error: null, stderr: abnormal ? (child.stderrExcerpt?.() ?? null) : null });
      });
      return {
        get pid() {
          return child.pid ?? null;
        },
        phaseSlot: null,
        post: (message) => {
          if (!exited) child.postMessage(message);
        },
        kill: () => {
          if (!exited) child.kill();
        },
        onMessage: (listener) => child.onMessage(listener),
        onExit: exits.add,
      };
    },
  }),
};
