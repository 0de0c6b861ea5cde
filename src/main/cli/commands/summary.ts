import { Command } from 'commander';
import type { Trace } from '../../../shared';
import { computeMetrics } from '../../engine/recording';
import { readTraceFile } from '../../files/read-trace-file';
import { formatSummary } from '../run/format-summary';
import { summarize } from '../run/summary';

/** A trace cut mid-run has no final metrics: they are computed from the segments it has, up to where it ends. */
function withMetrics(trace: Trace): Trace {
  if (trace.metrics) return trace;
  const metrics = computeMetrics({ tasks: trace.tasks, segments: trace.segments, wallMs: trace.run.wallMs, logicalCores: trace.machine.logicalCores, sampler: null });
  return { ...trace, metrics };
}

/** `corelanes summary TRACE [--json]`: the summary `corelanes run` prints, of a saved or streamed trace file. */
export function summaryCommand(): Command {
  return new Command('summary')
    .description('print the summary of a trace file (single JSON, .json.gz, or a streamed .jsonl.gz, also one cut mid-run)')
    .argument('<trace>', 'the trace file')
    .option('--json', 'print the summary as JSON (the fields of corelanes run --json)')
    .addHelpText('after', '\nExit status: 0 printed, 1 the file could not be read (one line on stderr says why).')
    .action((path: string, opts: { json?: boolean }) => {
      let notice: string | null = null;
      const trace = withMetrics(readTraceFile(path, (line) => (notice = line)));
      const summary = summarize(trace);
      if (opts.json) process.stdout.write(`${JSON.stringify({ ...summary, out: path, stoppedBy: null, notice }, null, 2)}\n`);
      else process.stdout.write(`${formatSummary(summary)}\n`);
      if (notice) process.stderr.write(`corelanes: ${notice}\n`);
    });
}
