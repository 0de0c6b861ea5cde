export * from './candidates';
export * from './probe';
export * from './discover';
export * from './worker-script';
export * from './format';
export * from './gil-inference';
export * from './gil-verdict';
