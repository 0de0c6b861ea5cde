export * from '../../../src/workers/gil';
export { gilThreadEntryPath as gilThreadEntryPathFor } from '../../../src/main/engine/kinds/gil-thread-kind';
