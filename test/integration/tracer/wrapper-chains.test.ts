import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceSchema, type Trace } from '../../../src/shared';
import { loadTraceIntoModel } from '../../../src/timeline/load-trace';
import { TimelineModel } from '../../../src/timeline/model';
import { CLI_BUNDLE } from '../../support/entries';

const dir = mkdtempSync(join(tmpdir(), 'corelanes-wrappers-'));
const SHIM = '/root/.pyenv/shims/python3';

function trace(name: string, argv: string[]): Trace {
  const out = join(dir, `${name}.json`);
  const r = spawnSync('node', [CLI_BUNDLE, 'trace', '--out', out, '--', ...argv], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return TraceSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
}

/** The lanes left once wrappers are folded, by program name. */
function visibleProcesses(t: Trace): string[] {
  const m = new TimelineModel();
  loadTraceIntoModel(m, t);
  return t.tasks.filter((x) => x.pid === x.tid && !m.isFolded(m.indexOfTask(x.id))).map((x) => x.label.split(' ')[0]!);
}

describe('wrapper process chains of a traced program', () => {
  it('a shell that forks python3 and waits folds into it', () => {
    const t = trace('sh', ['sh', '-c', 'python3 -c "sum(range(3000000))"; true']);
    expect(t.tasks.filter((x) => x.pid === x.tid).length).toBeGreaterThanOrEqual(2);
    expect(visibleProcesses(t)).toEqual(['python3']);
  });

  it.skipIf(!existsSync(SHIM))(`a pyenv shim (${SHIM}): its bash helpers fold into python3`, () => {
    const t = trace('shim', [SHIM, '-c', 'sum(range(3000000))']);
    expect(t.tasks.filter((x) => x.pid === x.tid).length).toBeGreaterThan(3);
    expect(visibleProcesses(t)).toEqual(['python3']);
  });
});
