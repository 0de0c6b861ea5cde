/** What a workload worker can do. Zod-free: worker entries read it at startup. */
export const WORKLOADS = ['cpu', 'io', 'mixed', 'memory'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];
