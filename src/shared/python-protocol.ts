import { z } from 'zod';

/**
 * What the real-CPython worker program (src/workers/python/corelanes_workers.py)
 * prints on stdout, one JSON object a line (see its docstring). The engine's
 * python kinds and `corelanes trace` read it; any other line is the program's own output.
 */
export const PythonEventSchema = z.discriminatedUnion('ev', [
  z.object({ ev: z.literal('hello'), key: z.string(), pid: z.number().int(), tid: z.number().int(), kind: z.enum(['thread', 'process']), t: z.number() }),
  z.object({ ev: z.literal('phase'), key: z.string(), tid: z.number().int(), phase: z.enum(['compute', 'io', 'done']), t: z.number() }),
  z.object({ ev: z.literal('progress'), key: z.string(), units: z.number().nonnegative() }),
  z.object({ ev: z.literal('done'), key: z.string(), units: z.number().nonnegative() }),
  z.object({ ev: z.literal('exit'), key: z.string(), code: z.number().int().nullable() }),
  z.object({ ev: z.literal('error'), key: z.string().optional(), message: z.string() }),
  z.object({ ev: z.literal('info'), python: z.string(), gil: z.boolean(), pid: z.number().int(), mode: z.string() }),
  z.object({ ev: z.literal('finished'), t: z.number() }),
]);
export type PythonEvent = z.infer<typeof PythonEventSchema>;

/** Parses one stdout line; null when it is not such an event. */
export function parsePythonEvent(line: string): PythonEvent | null {
  if (!line.startsWith('{')) return null;
  try {
    const r = PythonEventSchema.safeParse(JSON.parse(line));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
