export * from './spawn-tree';
export * from './task-naming';
export * from './trace-command';
