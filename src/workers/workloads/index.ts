export * from './workload-env';
export * from './cpu-unit';
export * from './cpu';
export * from './io';
export * from './mixed';
export * from './memory';
export * from './run-workload';
