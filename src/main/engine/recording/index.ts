export * from './compute-metrics';
export * from './trace-recorder';
