export * from './hit-test';
export * from './tip-position';
export * from './view-state';
