import { TRACE_FORMAT, TRACE_VERSION, TraceSchema, type Trace } from './trace-file';

export type ReadTraceResult = { ok: true; trace: Trace } | { ok: false; error: string };

/**
 * Validates a parsed trace file and, when it is not one, says why in words a
 * user can act on (not zod's wording): not a Corelanes trace at all, a version
 * this build does not read, or the first damaged field by its path.
 */
export function readTrace(json: unknown): ReadTraceResult {
  const parsed = TraceSchema.safeParse(json);
  if (parsed.success) return { ok: true, trace: parsed.data };
  const obj = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  if (!obj || obj.format !== TRACE_FORMAT) {
    return { ok: false, error: `This file is not a Corelanes trace (it has no "format": "${TRACE_FORMAT}"). Open a trace saved by Corelanes (corelanes run --out trace.json, or Save trace).` };
  }
  if (obj.version !== TRACE_VERSION) {
    return { ok: false, error: `This trace has format version ${JSON.stringify(obj.version)}; this Corelanes reads version ${TRACE_VERSION}.` };
  }
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : 'the file';
  const count = parsed.error.issues.length;
  return { ok: false, error: `This Corelanes trace is damaged: ${where} has a wrong or missing value${count > 1 ? ` (and ${count - 1} more problem${count > 2 ? 's' : ''})` : ''}.` };
}
