import type { RunInfo } from './trace-file';

/** What a file holds, by the suffix its default name gets. */
export const FILE_SUFFIXES = {
  trace: '.corelanes.json',
  'trace-gz': '.corelanes.json.gz',
  'trace-stream': '.corelanes.jsonl.gz',
  chrome: '.perfetto.json',
  systrace: '.systrace.txt',
  svg: '.svg',
  png: '.png',
  webm: '.webm',
  mp4: '.mp4',
} as const;
export type FileKind = keyof typeof FILE_SUFFIXES;

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

/** What ran, as a file-name word: the preset's id, the traced program, or workload and kind. */
function scenarioWord(run: RunInfo): string {
  const argv0 = run.command?.argv[0];
  if (argv0 !== undefined) return slug(`trace-${argv0.split(/[\\/]/).pop() ?? ''}`) || 'trace';
  if (run.scenarioId) return slug(run.scenarioId) || 'run';
  return run.params ? slug(`${run.params.workload}-${run.params.kind}`) : 'run';
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The run's start as `2026-11-30T14-05` in local time (no colons: they are
 * not allowed in Windows file names). `utcOffsetMinutes` defaults to this
 * machine's offset at that date; tests pass it.
 */
function startStamp(startedAt: string, utcOffsetMinutes?: number): string {
  const ms = Date.parse(startedAt);
  if (!Number.isFinite(ms)) return 'undated';
  const offset = utcOffsetMinutes ?? -new Date(ms).getTimezoneOffset();
  const d = new Date(ms + offset * 60_000);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}-${two(d.getUTCMinutes())}`;
}

/**
 * The default name of a file made from a run: scenario and start time, e.g.
 * `cpu-processes-2026-11-30T14-05.corelanes.json`. Used by the CLI's --out
 * defaults and the page's Save and Export buttons. Pure.
 */
export function defaultFileName(run: RunInfo, kind: FileKind = 'trace', utcOffsetMinutes?: number): string {
  return `${scenarioWord(run)}-${startStamp(run.startedAt, utcOffsetMinutes)}${FILE_SUFFIXES[kind]}`;
}
