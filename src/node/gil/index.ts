export * from './layout';
export * from './ring';
export * from './inspect';
