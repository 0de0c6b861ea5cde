import type { BridgeEvent } from '../../../shared';

const APP_KINDS = new Set(['main', 'sampler']);
const CLEAN_ENDS = new Set(['finished', 'stopped', 'removed']);

/**
 * A one-line live progress display on a TTY (stderr, so stdout stays the
 * summary or JSON). Returns the event handler and a function that clears the line.
 */
export function progressLine(stream: NodeJS.WriteStream): { onEvent: (e: BridgeEvent) => void; clear: () => void } {
  let parallelism: number | null = null;
  const abnormal = new Set<string>();
  let shown = false;
  return {
    onEvent(e) {
      if (e.type === 'metrics') parallelism = e.metrics.parallelism;
      if (e.type === 'task' && !APP_KINDS.has(e.task.kind) && e.task.exitReason && !CLEAN_ENDS.has(e.task.exitReason)) abnormal.add(e.task.id);
      if (e.type !== 'progress') return;
      const where = e.elapsedMs === 0 ? 'starting workers' : `${(e.elapsedMs / 1000).toFixed(1)} s of ${(e.durationMs / 1000).toFixed(1)} s`;
      const par = parallelism === null ? '' : `  parallelism ${parallelism.toFixed(2)}`;
      const bad = abnormal.size ? `  ${abnormal.size} ended abnormally` : '';
      stream.write(`\r\x1b[2Kcorelanes: ${where}${par}${bad}  (Ctrl-C stops)`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
