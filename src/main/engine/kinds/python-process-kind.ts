import { pythonKind } from './python-kind';

/** `python-process`: multiprocessing children of the run's CPython interpreter, each with its own GIL. */
export const pythonProcessKind = pythonKind('python-process');
