import { z } from 'zod';

/**
 * Where a run's scheduling comes from (docs/sampling.md):
 * - exact: the kernel's context-switch records (perf_event_open), every switch
 *   of every watched task with its CPU and time, from each task's birth;
 * - proc: /proc sampled at the run's interval (the fallback);
 * - auto: exact where the kernel allows it, else proc, saying why.
 */
export const SOURCE_CHOICES = ['auto', 'exact', 'proc'] as const;
export type SourceChoice = (typeof SOURCE_CHOICES)[number];

/** What a run used: exact or proc on Linux, portable elsewhere, off for benches that sample nothing. */
export const SOURCES_USED = ['exact', 'proc', 'portable', 'off'] as const;
export type SourceUsed = (typeof SOURCES_USED)[number];

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
      return info.requested === 'proc' ? `Scheduling: sampled from /proc every ${info.intervalMs} ms (asked for)` : `Scheduling: sampled from /proc every ${info.intervalMs} ms${why}`;
    case 'portable':
      return 'Scheduling: this OS does not report other threads\' states or cores; lanes show what the workers report';
    case 'off':
      return 'Scheduling: not observed (sampler off)';
    default:
      return `Scheduling: ${info.source}`;
  }
}
