export * from './gil';
export * from './cpu-slice';
export * from './gil-worker-loop';
