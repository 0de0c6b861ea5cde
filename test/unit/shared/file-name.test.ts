import { describe, expect, it } from 'vitest';
import { defaultFileName, RunParamsSchema, type RunInfo } from '../../../src/shared';

const run = (over: Partial<RunInfo>): RunInfo => ({
  runId: 'r1',
  scenarioId: 'cpu-processes',
  params: RunParamsSchema.parse({ kind: 'process' }),
  startedAt: '2026-11-30T14:05:59.120Z',
  wallMs: 1000,
  ...over,
});

describe('defaultFileName', () => {
  it('carries the scenario and the local start time, to the minute, with no colon', () => {
    expect(defaultFileName(run({}), 'trace', 0)).toBe('cpu-processes-2026-11-30T14-05.corelanes.json');
    expect(defaultFileName(run({}), 'trace', 60)).toBe('cpu-processes-2026-11-30T15-05.corelanes.json');
    expect(defaultFileName(run({}), 'trace', -15 * 60)).toBe('cpu-processes-2026-11-29T23-05.corelanes.json');
  });

  it('names each kind of file by its suffix', () => {
    const names = (['trace', 'trace-gz', 'chrome', 'systrace', 'svg', 'png'] as const).map((k) => defaultFileName(run({}), k, 0));
    expect(names).toEqual([
      'cpu-processes-2026-11-30T14-05.corelanes.json',
      'cpu-processes-2026-11-30T14-05.corelanes.json.gz',
      'cpu-processes-2026-11-30T14-05.perfetto.json',
      'cpu-processes-2026-11-30T14-05.systrace.txt',
      'cpu-processes-2026-11-30T14-05.svg',
      'cpu-processes-2026-11-30T14-05.png',
    ]);
  });

  it('names a plain run by workload and kind, a traced command by its program; never a path or odd character', () => {
    expect(defaultFileName(run({ scenarioId: null, params: RunParamsSchema.parse({ workload: 'io', kind: 'gil-thread' }) }), 'trace', 0)).toBe('io-gil-thread-2026-11-30T14-05.corelanes.json');
    const traced = run({ scenarioId: 'trace', params: null, command: { argv: ['/usr/bin/Python 3.11', 'x.py'], intervalMs: 1 } });
    expect(defaultFileName(traced, 'trace', 0)).toBe('trace-python-3.11-2026-11-30T14-05.corelanes.json');
    expect(defaultFileName(run({ scenarioId: '../../etc/passwd' }), 'trace', 0)).toBe('etc-passwd-2026-11-30T14-05.corelanes.json');
    expect(defaultFileName(run({ scenarioId: 'a:b*c?' }), 'png', 0)).toBe('a-b-c-2026-11-30T14-05.png');
    expect(defaultFileName(run({ startedAt: 'not a date' }), 'trace', 0)).toBe('cpu-processes-undated.corelanes.json');
  });

  it("uses this machine's time zone when none is given", () => {
    const local = new Date(Date.parse('2026-11-30T14:05:00Z'));
    const hh = String(local.getHours()).padStart(2, '0');
    expect(defaultFileName(run({}))).toMatch(new RegExp(`^cpu-processes-2026-11-\\d\\dT${hh}-\\d\\d\\.corelanes\\.json$`));
  });
});
