export * from './kind-driver';
export * from './registry';
export * from './thread-kind';
export * from './process-kind';
