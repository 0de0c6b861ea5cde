export * from './facts-at';
export * from './replay-clock';
