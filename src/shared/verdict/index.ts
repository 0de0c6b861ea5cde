export * from './verdict';
export * from './chart';
export * from './read-verdict';
