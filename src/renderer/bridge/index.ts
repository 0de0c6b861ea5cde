export * from './connection';
export * from './electron-client';
export * from './pick-client';
export * from './replay-client';
export * from './validate';
export * from './websocket-client';
export * from './page-token';
