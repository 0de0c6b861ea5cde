import { describe, expect, it } from 'vitest';
import { PYTHON_NAME, formatPythons, gilLabel, parseProbe, sortPythonNames } from '../../../src/main/python';

describe('python candidates', () => {
  it('matches python3, python3.X and free-threaded python3.Xt only', () => {
    for (const ok of ['python3', 'python3.11', 'python3.13t', 'python3.14t']) expect(PYTHON_NAME.test(ok)).toBe(true);
    for (const bad of ['python', 'python2.7', 'python3-config', 'python3.11-config', 'python3.x', 'python3.13td']) expect(PYTHON_NAME.test(bad)).toBe(false);
  });

  it('sorts python3 first, newest versions first, free-threaded after its GIL twin, no duplicates', () => {
    expect(sortPythonNames(['python3.11', 'python3.13t', 'python3', 'python3.13', 'python3.9', 'python3.11', 'foo'])).toEqual([
      'python3',
      'python3.13',
      'python3.13t',
      'python3.11',
      'python3.9',
    ]);
  });
});

describe('parseProbe', () => {
  const ok = JSON.stringify({ version: '3.13.1', implementation: 'cpython', executable: '/usr/bin/python3.13t', freeThreadedBuild: true, gilEnabled: false });

  it('reads a free-threaded build', () => {
    const p = parseProbe('python3.13t', '/usr/bin/python3.13t', `${ok}\n`, '', 0);
    expect(p).toMatchObject({ available: true, version: '3.13.1', freeThreadedBuild: true, gilEnabled: false, reason: null });
    expect(gilLabel(p)).toBe('free-threaded (no GIL)');
  });

  it('says why an interpreter does not run (e.g. a pyenv shim without that version)', () => {
    const p = parseProbe('python3.12', '/x/shims/python3.12', '', 'pyenv: python3.12: command not found\n\nmore', 127);
    expect(p.available).toBe(false);
    expect(p.reason).toBe('python3.12 does not run: pyenv: python3.12: command not found');
    expect(gilLabel(p)).toBe('-');
  });

  it('refuses output that is not the probe answer', () => {
    expect(parseProbe('python3', '/p', 'hello\n', '', 0)).toMatchObject({ available: false });
    expect(parseProbe('python3', '/p', '{"version": 3}', '', 0)).toMatchObject({ available: false });
  });

  it('formats a table of the runnable ones, folds those that do not run into one line, and says when none exist', () => {
    const a = parseProbe('python3', '/usr/bin/python3', JSON.stringify({ version: '3.11.7', implementation: 'cpython', executable: '/usr/bin/python3', freeThreadedBuild: false, gilEnabled: true }), '', 0);
    const b = parseProbe('python3.12', '/s/python3.12', '', 'pyenv: python3.12: command not found', 127);
    const c = parseProbe('python3.6', '/s/python3.6', '', 'pyenv: python3.6: command not found', 127);
    const text = formatPythons([a, b, c]);
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toMatch(/python3\s+3\.11\.7\s+GIL\s+\/usr\/bin\/python3/);
    expect(text.split('\n').at(-1)).toBe('also on the PATH but not runnable: python3.12, python3.6 (python3.12 does not run: pyenv: python3.12: command not found)');
    expect(formatPythons([b])).toMatch(/^No runnable python on the PATH.*\nalso on the PATH but not runnable: python3\.12/);
    expect(formatPythons([])).toMatch(/No python3 on the PATH/);
  });
});
