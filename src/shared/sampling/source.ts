import { z } from 'zod';
import type { SourceChoice } from './source-choices';

/** The source names live apart, free of zod, for the sampler thread. */
export { PROC_COARSEST_INTERVAL_MS, SOURCE_CHOICES, SOURCES_USED, type SourceChoice, type SourceUsed } from './source-choices';

/** Why exact switch records could not be used, and what would enable them (one line each). */
export const SourceRefusalSchema = z.object({
  /** not-allowed, unsupported, no-addon, resources, failed. */
  reason: z.string().max(32),
  /** The kernel's errno name (EACCES, EPERM, ...), null when the refusal is not an errno. */
  errno: z.string().max(32).nullable(),
  message: z.string().max(500),
  /** What turns exact mode on, null when nothing the user can do. */
  enable: z.string().max(500).nullable(),
});
export type SourceRefusal = z.infer<typeof SourceRefusalSchema>;

/** The source part of a sampler's stats, as sourceLine reads it. */
export interface SourceInfo {
  source: string;
  intervalMs: number;
  requested?: SourceChoice;
  refusal?: SourceRefusal | null;
  /** /proc with a CPU budget (the sampler's stats): the rate reached, the budget, the coarsest interval. */
  rateHz?: number;
  cpuBudgetPercent?: number;
  coarsestIntervalMs?: number;
}

/** "every 1 ms", or with a CPU budget the rate it reached and what it may do. */
function procCadence(info: SourceInfo): string {
  if (info.cpuBudgetPercent === undefined || info.coarsestIntervalMs === undefined) return `every ${info.intervalMs} ms`;
  const rate = info.rateHz ? `at ${info.rateHz.toFixed(0)} Hz, ` : '';
  return `${rate}every ${info.intervalMs} to ${info.coarsestIntervalMs} ms as its CPU budget (${info.cpuBudgetPercent}% of a core) allows`;
}

/**
 * One line for people (the app's status, the CLI summary): which source a run
 * used and, when exact was not allowed, why and what enables it. Pure.
 */
export function sourceLine(info: SourceInfo): string {
  const why = info.refusal ? `: exact mode is not allowed here (${info.refusal.message})${info.refusal.enable ? `; to enable it: ${info.refusal.enable}` : ''}` : '';
  switch (info.source) {
    case 'exact':
      return 'Scheduling: exact, from the kernel\'s context-switch records (every switch, from each task\'s birth)';
    case 'proc':
    case 'linux-proc': // traces before the exact source
      return `Scheduling: sampled from /proc ${procCadence(info)}${info.requested === 'proc' ? ' (asked for)' : why}`;
    case 'portable':
      return 'Scheduling: this OS does not report other threads\' states or cores; lanes show what the workers report';
    case 'off':
      return 'Scheduling: not observed (sampler off)';
    default:
      return `Scheduling: ${info.source}`;
  }
}
