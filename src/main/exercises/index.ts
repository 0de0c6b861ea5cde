export * from './load-exercises';
export * from './run-exercise';
export * from './run-metrics';
