export * from './VerdictCard';
export * from './VerdictHistory';
export * from './VerdictCompare';
