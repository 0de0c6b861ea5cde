import type { RunMetric, Trace } from '../../shared';
import { activeParallelism, median, readyParallelism, spawnMs, unitsPerActiveSecond, workerTasks, workersOnCpuMs } from '../presets/lib/measures';

/** One metric of a run, read off its trace (the same measures the presets' verdicts use); undefined when the run has none. */
export function runMetric(trace: Trace, metric: RunMetric): number | undefined {
  switch (metric) {
    case 'parallelism':
      return activeParallelism(trace);
    case 'readyParallelism':
      return readyParallelism(trace);
    case 'wallMs':
      return trace.metrics?.wallMs ?? trace.run.wallMs;
    case 'workerCpuMs':
      return workersOnCpuMs(trace);
    case 'unitsPerSecond':
      return trace.metrics?.unitsPerSecond === null || trace.metrics?.unitsPerSecond === undefined ? undefined : unitsPerActiveSecond(trace);
    case 'spawnMs': {
      const s = spawnMs(trace);
      return s.length ? median(s) : undefined;
    }
    case 'addressSpaces': {
      // Separate memories among the workers: threads share the app's, each process has its own.
      const spaces = workerTasks(trace).map((t) => t.addressSpace).filter((a): a is number => a !== null);
      return spaces.length ? new Set(spaces).size : undefined;
    }
    case 'threadCpuMs': {
      // The threads a run or a traced program started (not the processes' main threads, not a wrapper's processes).
      const ids = new Set(workerTasks(trace).filter((t) => t.kind.endsWith('thread')).map((t) => t.id));
      return trace.segments.reduce((ns, s) => (ids.has(s.taskId) ? ns + s.onCpuNs : ns), 0) / 1e6;
    }
    case 'workers':
      return workerTasks(trace).length;
  }
}
