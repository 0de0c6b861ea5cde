export * from './service';
export * from './messages';
export * from './validate';
export * from './scenarios';
