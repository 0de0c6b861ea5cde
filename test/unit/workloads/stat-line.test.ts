import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatLine } from '../../../src/workers/runtime/stat-line';

const fields = (n: number) => Array.from({ length: n }, (_, i) => String(i + 4)).join(' ');

describe('parseStatLine', () => {
  it('reads id, state and field 39 even when the name holds spaces and parentheses', () => {
    // After ')': field 3 = state, then fields 4.. ; field 39 is the 36th value after the state.
    const line = `1234 (we (ird) name) R ${fields(50)}`;
    expect(parseStatLine(line)).toEqual({ id: 1234, state: 'R', core: 39 });
  });

  it('rejects a line without a name', () => {
    expect(parseStatLine('garbage')).toBeNull();
  });

  it('parses this thread’s real /proc entry (Linux)', () => {
    let text: string;
    try {
      text = readFileSync('/proc/thread-self/stat', 'latin1');
    } catch {
      return; // not Linux: nothing to compare with
    }
    const parsed = parseStatLine(text);
    expect(parsed?.state).toBe('R');
    expect(parsed?.core).toBeGreaterThanOrEqual(0);
  });
});
