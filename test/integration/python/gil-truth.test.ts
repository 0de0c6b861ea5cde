import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TraceSchema } from '../../../src/shared';
import { findPython } from '../../../src/main/python';
import { placeGilProbes, type GilProbes } from '../../support/gil-truth';
import { CLI_BUNDLE, ROOT } from '../../support/entries';

// The interpreter itself (not a pyenv shim), so the probes sit in the library it runs.
const python = (await findPython('python3')).executable ?? 'python3';
const probes = placeGilProbes(python);
const refused = 'refused' in probes ? probes.refused : null;
if (refused) console.warn(`gil-truth: skipped: ${refused}`);
afterAll(() => (refused ? undefined : (probes as GilProbes).remove()));

describe('the drawn GIL wait against the interpreter\'s own (uprobes on take_gil/drop_gil)', () => {
  it.skipIf(refused !== null)(`two CPU-bound CPython threads: drawn gil-wait within 25% of the real wait, per thread${refused ? ` (skipped: ${refused})` : ''}`, () => {
    const out = join(mkdtempSync(join(tmpdir(), 'corelanes-gil-truth-')), 'trace.json');
    const script = join(ROOT, 'test/fixtures/python/two_cpu_threads.py');
    const { truth, status, stderr } = (probes as GilProbes).record(['node', CLI_BUNDLE, 'trace', '--json', '--out', out, '--', python, script, '2'], 90_000);
    expect(status, stderr).toBe(0);
    const trace = TraceSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    const tids = JSON.parse(/done (\[.*\])/.exec(trace.run.command!.outcome!.stdout.text)![1]!) as number[];
    const rows = tids.map((tid) => {
      const drawn = trace.segments.filter((s) => s.taskId === `t${tid}` && s.state === 'gil-wait').reduce((a, s) => a + (s.endMs - s.startMs), 0);
      const real = truth.byTid.get(tid)?.waitedMs ?? 0;
      return { tid, drawnMs: Math.round(drawn), realMs: Math.round(real), ratio: real > 0 ? drawn / real : NaN };
    });
    console.log(`gil-truth: drawn vs real GIL wait per thread: ${JSON.stringify(rows)}`);
    for (const r of rows) {
      // The threads really waited (else the comparison says nothing), and what is drawn is within 25% of it.
      expect(r.realMs).toBeGreaterThan(0);
      expect(r.ratio, JSON.stringify(r)).toBeGreaterThanOrEqual(0.75);
      expect(r.ratio, JSON.stringify(r)).toBeLessThanOrEqual(1.25);
    }
  });
});
