import { Command } from 'commander';
import { traceCommand } from '../../tracer/trace-command';
import { builtEntryPaths, missingEntries } from '../built-entries';
import { formatSummary, formatVerdict } from '../run/format-summary';
import { checkOut, writeTraceOut } from '../run/out-file';
import { INTERVAL_HELP, parseIntervalMs, sourceOption } from '../run/parse-options';
import { exitText, type SourceChoice } from '../../../shared';
import { signalExitCode } from '../run/signal-exit';
import { summarizeCommand } from '../run/summary';

interface TraceOptions {
  json?: boolean;
  out?: string | true;
  intervalMs: number;
  source: SourceChoice;
  maxDuration?: string;
  cwd?: string;
}

/** `corelanes trace [--json] [--out FILE] [--interval-ms MS] -- <command...>`: any program on the cores. */
export function traceCommandCli(): Command {
  return new Command('trace')
    .description('run any command and trace its whole process tree and every thread on the cores, like Corelanes\' own workers')
    .argument('<command...>', 'the command and its arguments (put them after --)')
    .option('--json', 'print the summary as JSON on stdout (the command\'s own output goes to stderr)')
    .option('--out [file]', 'write the trace (JSON; gzip when FILE ends in .gz) to this file, checked before the command starts; --out alone: trace-<program>-<date>.corelanes.json here')
    .option('--interval-ms <ms>', INTERVAL_HELP, parseIntervalMs, 1)
    .addOption(sourceOption())
    .option('--max-duration <seconds>', 'stop the command (and its tree) after this long')
    .option('--cwd <dir>', 'run the command in this directory (relative paths in the command start there); default: the current directory')
    .addHelpText(
      'after',
      '\nExample: corelanes trace -- python3 my_threads.py\n' +
        'Every process and thread of the command appears as a task with its pid/tid. For a CPython with a GIL, a thread\n' +
        'sleeping on a futex while a sibling thread runs is marked as waiting for the GIL, as an inference (inferred: true).\n' +
        'Ctrl-C ends the command and every process it started; nothing outlives the trace.',
    )
    .action(async (argv: string[], opts: TraceOptions) => {
      const outTarget = checkOut(opts.out);
      let outPath: string | null = null;
      const maxDurationS = opts.maxDuration === undefined ? null : Number(opts.maxDuration);
      if (maxDurationS !== null && !(maxDurationS > 0 && maxDurationS <= 3600)) throw new Error('--max-duration must be 0-3600 seconds');
      const entries = builtEntryPaths();
      const missing = missingEntries(entries);
      if (missing) throw new Error(missing);
      const abort = new AbortController();
      let signalled: NodeJS.Signals | null = null;
      const onSignal = (s: NodeJS.Signals) => {
        signalled = s;
        abort.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        const result = await traceCommand({
          argv,
          samplerEntry: entries.sampler,
          intervalMs: opts.intervalMs,
          source: opts.source,
          maxDurationS,
          signal: abort.signal,
          // The user's own terminal: the program may read it, as it would without Corelanes.
          stdin: 'inherit',
          cwd: opts.cwd,
          // Its stderr goes on to ours as it comes (its tail is kept in the trace too).
          onErrorOutput: (chunk) => process.stderr.write(chunk),
          // Keep --json's stdout clean: the command's output goes to stderr then.
          onOutput: (line) => (opts.json ? process.stderr : process.stdout).write(`${line}\n`),
        });
        const { trace } = result;
        if (outTarget) outPath = writeTraceOut(outTarget, trace);
        const summary = summarizeCommand(trace, argv);
        const extra = {
          command: argv,
          exitCode: result.exitCode,
          exitSignal: result.exitSignal,
          inferredGilWaits: result.inferredGilWaits,
          inferredGilWaitMs: Math.round(result.inferredGilWaitMs * 100) / 100,
          out: outPath,
          stoppedBy: signalled,
        };
        const verdict = trace.verdict && 'version' in trace.verdict ? { verdict: trace.verdict } : {};
        if (opts.json) process.stdout.write(`${JSON.stringify({ ...summary, ...extra, ...verdict }, null, 2)}\n`);
        else {
          process.stdout.write(`\n${formatSummary(summary)}\n`);
          process.stdout.write(
            `\ncommand ended: ${exitText(result.outcome)}` +
              (result.inferredGilWaits ? `; inferred GIL waits: ${result.inferredGilWaits} (${Math.round(result.inferredGilWaitMs)} ms: short sleeps while a sibling thread held the GIL, or futex sleeps while it ran)` : '') +
              `\n`,
          );
          if (verdict.verdict) process.stdout.write(`\n${formatVerdict(verdict.verdict)}\n`);
          if (outPath) process.stdout.write(`trace written to ${outPath}\n`);
        }
        if (signalled) process.exitCode = signalExitCode(signalled);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      setTimeout(() => process.exit(), 2000).unref();
    });
}
