export * from './run-once';
export * from './measures';
export * from './scenario';
