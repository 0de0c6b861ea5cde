export * from './VerdictCard';
