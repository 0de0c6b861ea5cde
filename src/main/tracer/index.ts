export * from './proc-tree';
export * from './gil-inference';
export * from './spawn-tree';
export * from './task-naming';
export * from './trace-command';
