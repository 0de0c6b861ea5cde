import { describe, expect, it } from 'vitest';
import { pythonRuntimes, type PythonInfo } from '../../../src/main/python';

const info = (over: Partial<PythonInfo>): PythonInfo => ({
  name: 'python3',
  path: '/usr/bin/python3',
  available: true,
  reason: null,
  version: '3.11.7',
  implementation: 'CPython',
  executable: '/usr/bin/python3',
  freeThreadedBuild: false,
  gilEnabled: true,
  ...over,
});

describe('pythonRuntimes', () => {
  it('names each runnable interpreter with its version and GIL status, and leaves out the rest', () => {
    const runtimes = pythonRuntimes([
      info({}),
      info({ name: 'python3.13t', version: '3.13.1', freeThreadedBuild: true, gilEnabled: false }),
      info({ name: 'python3.9', available: false, version: null, reason: 'pyenv: python3.9: command not found' }),
    ]);
    expect(runtimes).toEqual({ python3: '3.11.7 (GIL)', 'python3.13t': '3.13.1 (free-threaded (no GIL))' });
  });
});
