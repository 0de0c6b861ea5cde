import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTaskStat, parseTaskStatBytes } from '../../../../src/node/proc/task-stat';

/** A real stat line (cat reading itself) with the comm, state and core replaced. */
const statLine = (comm: string, state = 'R', core = 1) =>
  `7464 (${comm}) ${state} 7458 7458 3629 0 -1 4194304 101 0 0 0 7 3 0 0 20 0 1 0 22916 3133440 392 18446744073709551615 94756525678592 94756525698473 140737434620208 0 0 0 0 0 0 0 0 0 17 ${core} 0 0 0 0 0 94756525714480 94756525716096 94757593575424 140737434622671 140737434622698 140737434622698 140737434623979 0\n`;
/** kthreadd as /proc/2/stat shows it: a kernel thread, parent 0, no memory map. */
const KERNEL_THREAD = '2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 19 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 1 0 0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n';
/** Field n has the value n, after the comm. */
const fields = (n: number) => Array.from({ length: n }, (_, i) => String(i + 4)).join(' ');
const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('parseTaskStat, the one stat parser', () => {
  it('reads id, comm, state, ppid, start time and core (fields 1-4, 22, 39)', () => {
    expect(parseTaskStat(statLine('cat', 'S', 1))).toEqual({ id: 7464, comm: 'cat', state: 'S', ppid: 7458, startTime: 22916, core: 1 });
  });

  it('splits after the LAST ")" so a comm with spaces and parentheses does not shift fields', () => {
    expect(parseTaskStat(statLine('we) ird (name) R 9', 'D', 0))).toMatchObject({ comm: 'we) ird (name) R 9', state: 'D', ppid: 7458, core: 0 });
    expect(parseTaskStat(`1234 (we (ird) name) R ${fields(50)}`)).toMatchObject({ id: 1234, state: 'R', ppid: 4, startTime: 22, core: 39 });
    expect(parseTaskStat('123 (my (odd) prog) S 45 123 123 0')).toMatchObject({ comm: 'my (odd) prog', state: 'S', ppid: 45 });
  });

  it('a line without field 39 has no core (null), and the other fields still', () => {
    expect(parseTaskStat('7464 (cat) R 1 2 3')).toEqual({ id: 7464, comm: 'cat', state: 'R', ppid: 1, startTime: null, core: null });
    expect(parseTaskStat('123 (my (odd) prog) S 45 123 123 0')).toMatchObject({ startTime: null, core: null });
  });

  it('reads a kernel thread (parent 0)', () => {
    expect(parseTaskStat(KERNEL_THREAD)).toEqual({ id: 2, comm: 'kthreadd', state: 'S', ppid: 0, startTime: 19, core: 1 });
  });

  it('rejects text that is not a stat line', () => {
    for (const text of ['', 'garbage', '7464 cat R 1', 'x (cat) R 1', '7464 (cat) RR 1', '7464 (cat)']) expect(parseTaskStat(text), text).toBeNull();
  });

  it('parses this thread’s real /proc entry (Linux)', () => {
    let text: string;
    try {
      text = readFileSync('/proc/thread-self/stat', 'latin1');
    } catch {
      return; // not Linux: nothing to compare with
    }
    const parsed = parseTaskStat(text);
    expect(parsed?.state).toBe('R');
    expect(parsed?.id).toBeGreaterThan(0);
    expect(parsed?.core).toBeGreaterThanOrEqual(0);
    expect(parsed?.startTime).toBeGreaterThan(0);
  });
});

describe('the sampler’s byte parser agrees with parseTaskStat', () => {
  it.each([
    ['comm with spaces and ")"', statLine('we) ird (name) R 9', 'D', 0)],
    ['plain', statLine('cat', 'S', 1)],
    ['a high core', statLine('x', 'R', 127)],
    ['a kernel thread', KERNEL_THREAD],
    ['no field 39 (missing core)', '7464 (cat) R 1 2 3'],
    ['no field 39, newline', '7464 (cat) R 1 2 3\n'],
    ['the state only', '7464 (cat) R'],
    ['not a stat line', 'nothing'],
    ['a two-letter state', '7464 (cat) RR 1 2'],
  ])('%s', (_name, text) => {
    const b = bytes(text);
    const fromString = parseTaskStat(text);
    expect(parseTaskStatBytes(b, b.length)).toEqual(fromString && { state: fromString.state, core: fromString.core });
  });
});
