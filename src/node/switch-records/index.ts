export * from './types';
export * from './refusal';
export * from './parse-records';
export * from './time-merger';
export * from './switch-timeline';
export * from './cpu-list';
export type { PerfKernel, RingHandle } from './kernel';
export { loadKernel } from './kernel';
export * from './switch-record-source';
