export * from './preset';
export * from './registry';
