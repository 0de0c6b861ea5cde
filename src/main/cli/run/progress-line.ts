import type { BridgeEvent } from '../../../shared';

/**
 * A one-line live progress display on a TTY (stderr, so stdout stays the
 * summary or JSON). Returns the event handler and a function that clears the line.
 */
export function progressLine(stream: NodeJS.WriteStream): { onEvent: (e: BridgeEvent) => void; clear: () => void } {
  let parallelism: number | null = null;
  let live = 0;
  let crashed = 0;
  let shown = false;
  return {
    onEvent(e) {
      if (e.type === 'metrics') parallelism = e.metrics.parallelism;
      if (e.type === 'task' && !['main', 'sampler'].includes(e.task.kind)) {
        if (e.task.exitMs === null && e.task.startedMs !== null && e.task.startedMs > 0) live++;
        if (e.task.exitReason && !['finished', 'stopped', 'removed'].includes(e.task.exitReason)) crashed++;
      }
      if (e.type !== 'progress') return;
      const elapsed = (e.elapsedMs / 1000).toFixed(1);
      const total = (e.durationMs / 1000).toFixed(1);
      const par = parallelism === null ? '' : `  parallelism ${parallelism.toFixed(2)}`;
      const bad = crashed ? `  ${crashed} ended abnormally` : '';
      stream.write(`\r\x1b[2Kcorelanes: ${elapsed} s of ${total} s${par}${bad}  (Ctrl-C stops)`);
      shown = true;
      void live;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
