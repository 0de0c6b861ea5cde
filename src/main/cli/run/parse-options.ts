import { InvalidArgumentError, Option } from 'commander';
import { LIMITS, RunParamsSchema, SOURCE_CHOICES } from '../../../shared';

/**
 * The schema's message when it names the field; zod's own wording ("Too small:
 * expected number to be >0") is rewritten as the field name and the rule.
 */
export function ruleText(label: string, message: string | undefined): string {
  if (message && message.toLowerCase().startsWith(label.toLowerCase())) return message;
  const rule = message?.match(/expected \w+ to (?:be|have) ([<>]=?)\s*(-?[\d.e+]+)/);
  if (rule) {
    const words: Record<string, string> = { '>': 'more than', '>=': 'at least', '<': 'less than', '<=': 'at most' };
    return `${label} must be ${words[rule[1]!]} ${rule[2]}`;
  }
  return `${label} is out of range`;
}

/** Parses one numeric CLI value against the run schema's own rule, so the CLI and the engine agree. */
function numberFor(field: 'workers' | 'durationS' | 'intervalMs' | 'memoryMb', label: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`${label} must be a number, not '${value}'`);
  const parsed = RunParamsSchema.shape[field].safeParse(n);
  if (!parsed.success) throw new InvalidArgumentError(ruleText(label, parsed.error.issues[0]?.message));
  return n;
}

export const parseWorkers = (value: string): number => numberFor('workers', 'workers', value);
export const parseDuration = (value: string): number => numberFor('durationS', 'duration', value);
export const parseIntervalMs = (value: string): number => numberFor('intervalMs', 'interval', value);

export function parseWorkUnits(value: string): number {
  const n = Number(value);
  const parsed = RunParamsSchema.shape.workUnits.safeParse(n);
  if (value.trim() === '' || !Number.isFinite(n) || !parsed.success) throw new InvalidArgumentError('work units must be a whole number from 1 to 1e9');
  return n;
}

export const parseMemoryMb = (value: string): number => numberFor('memoryMb', 'memory', value);

export const WORKERS_HELP = `number of workers, 1 to ${LIMITS.maxWorkers} (the cap: each is a real thread or process sampled at ~1 kHz)`;
export const DURATION_HELP = `run length in seconds, more than 0 and at most ${LIMITS.maxDurationS}`;
export const INTERVAL_HELP = `/proc sampling interval in ms, ${LIMITS.minIntervalMs} to ${LIMITS.maxIntervalMs} (the finest: the sampler samples less often, down to every 8 ms, to keep its own CPU within 3% of a core; CORELANES_PROC_CPU_BUDGET=off or another %)`;
export const MEMORY_HELP = `MB each worker allocates and touches for --workload memory, at most ${LIMITS.maxMemoryMb}`;
export const WORK_UNITS_HELP = 'a fixed amount of work per worker (units of its workload); the run ends when every worker is done, or at --duration';

/** `--source exact|proc|auto`: one Option for `run` and `trace`, so both say the same. */
export function sourceOption(): Option {
  return new Option(
    '--source <source>',
    'where scheduling comes from: exact (the kernel\'s context-switch records; fails with the reason when the kernel refuses), proc (/proc sampled every --interval-ms), auto (exact where allowed, else proc, saying why)',
  )
    .choices(SOURCE_CHOICES)
    .default('auto');
}
