export * from './session-api';
export * from './entries';
export * from './create-engine';
export { readMachine } from '../platform';
export * from './launchers/process-launcher';
export * from './launchers/node-fork-launcher';
export * from './kinds';
