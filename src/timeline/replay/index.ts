export * from './facts-at';
export * from './replay-clock';
export * from './changed-from';
