export * from '../../../src/workers/gil';
export * from '../../../src/node/gil';
export { gilThreadEntryPath as gilThreadEntryPathFor } from '../../../src/main/engine/kinds/gil-thread-kind';
