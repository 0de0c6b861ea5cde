/**
 * Type guards for the zod-free readers of what the engine sends a worker or
 * the sampler (worker-orders.ts, sampler-orders.ts): those threads do not load
 * zod, so they check plain values with these.
 */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
