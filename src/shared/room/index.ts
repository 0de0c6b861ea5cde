export * from './schema';
export * from './tally';
export * from './scoring';
