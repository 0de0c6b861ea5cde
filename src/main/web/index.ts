export * from './server';
export * from './web-mode';
export * from './origin';
export * from './headers';
export * from './frames';
export * from './static-path';
export * from './loopback';
