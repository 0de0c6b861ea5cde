export * from './compute-metrics';
export * from './trace-recorder';
export * from './run-recording';
