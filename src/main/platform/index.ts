export * from './machine';
export * from './linux-proc';
