// Workload process. The same file runs as an Electron utility process
// (process.parentPort, messages arrive as {data}) and as a child_process.fork
// child (process.send / 'message'). Thin: wires either channel to the runtime.
// Must stay the first import: it stamps the first instruction (see the module).
import { firstInstructionMono } from './runtime/first-instruction';
import { messagePhaseSink } from './runtime/phase-sinks';
import { exitWithParent, utilityParentPort, type UtilityParentPort } from './runtime/process-channel';
import type { WorkerTransport } from './runtime/transport';
import { runWorkerRuntime } from './runtime/worker-runtime';

const startedAtMono = firstInstructionMono;

const parentPort = utilityParentPort();

function forkTransport(): WorkerTransport {
  if (!process.send) throw new Error('process-entry must run as a utility process or a forked child');
  // Exit only once every message sent is written to the channel.
  let pending = 0;
  let finishing = false;
  const exitWhenFlushed = () => {
    if (finishing && pending === 0) process.exit(0);
  };
  return {
    send: (m) => {
      if (!process.connected) return;
      pending++;
      process.send?.(m, undefined, {}, () => {
        pending--;
        exitWhenFlushed();
      });
    },
    onMessage: (listener) => process.on('message', listener),
    finish: () => {
      finishing = true;
      if (!process.connected) process.exit(0);
      exitWhenFlushed();
    },
  };
}

function utilityTransport(port: UtilityParentPort): WorkerTransport {
  return {
    send: (m) => port.postMessage(m),
    onMessage: (listener) => port.on('message', (e) => listener(e.data)),
    finish: () => setTimeout(() => process.exit(0), 20),
  };
}

exitWithParent();
const transport = parentPort ? utilityTransport(parentPort) : forkTransport();
process.on('uncaughtException', (error) => {
  try {
    transport.send({ type: 'error', message: `${error.name}: ${error.message}`, stack: error.stack ?? null });
  } finally {
    setTimeout(() => process.exit(1), 20);
  }
});
runWorkerRuntime({ startedAtMono, transport, sinkFor: messagePhaseSink });
