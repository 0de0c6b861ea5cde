export * from './session-api';
export * from './entries';
export * from './create-engine';
export { readMachine } from '../platform';
export * from './hosts/process-host';
export * from './hosts/node-fork-host';
export * from './kinds';
