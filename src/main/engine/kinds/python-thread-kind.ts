import { pythonKind } from './python-kind';

/** `python-thread`: threads of one CPython interpreter per run; with a GIL they take turns. */
export const pythonThreadKind = pythonKind('python-thread');
