import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BUNDLE } from '../../support/entries';

// The CLI end of a streamed trace: `run --stream` writes it while the run goes
// on (the memory window lowered by the environment, so it spills), `summary`
// and `export` read it, and a copy cut in half opens with a note where it ends.

const dir = mkdtempSync(join(tmpdir(), 'corelanes-cli-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const corelanes = (...args: string[]) =>
  spawnSync(process.execPath, [CLI_BUNDLE, ...args], { encoding: 'utf8', timeout: 60_000, cwd: dir, env: { ...process.env, CORELANES_MEMORY_SEGMENTS: '200' } });

describe('corelanes run --stream, summary and export of a streamed trace', () => {
  it('streams, reads back, and says where a cut copy ends', () => {
    const run = corelanes('run', '--workload', 'io', '--workers', '2', '--duration', '0.6', '--stream', '--json');
    expect(run.status, run.stderr).toBe(0);
    const out = (JSON.parse(run.stdout) as { out: string }).out;
    expect(out).toMatch(/^.*io-thread-\d{4}-\d\d-\d\dT\d\d-\d\d\.corelanes\.jsonl\.gz$/);
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const summary = corelanes('summary', out, '--json');
    expect(summary.status, summary.stderr).toBe(0);
    expect(JSON.parse(summary.stdout)).toMatchObject({ notice: null, wallMs: (JSON.parse(run.stdout) as { wallMs: number }).wallMs });

    const cut = join(dir, 'cut.corelanes.jsonl.gz');
    copyFileSync(out, cut);
    truncateSync(cut, Math.floor(statSync(out).size / 2));
    const partial = corelanes('summary', cut);
    expect(partial.status, partial.stderr).toBe(0);
    expect(partial.stderr).toMatch(/^corelanes: \/.*\/cut\.corelanes\.jsonl\.gz: trace ends at [\d.]+ s: the file was cut \(no footer\); the run was not finished\n$/);
    const svg = corelanes('export', cut, '--format', 'svg', '--out', join(dir, 'cut.svg'));
    expect(svg.status, svg.stderr).toBe(0);
    expect(svg.stderr).toMatch(/trace ends at/);
  });

  it('a preset is not streamed: one line says so', () => {
    const r = corelanes('run', 'cpu-threads', '--stream');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/a preset's trace is written as one JSON document at its end, not streamed; drop --stream/);
  });
});
