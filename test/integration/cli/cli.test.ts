import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceSchema } from '../../../src/shared';
import { CLI_BUNDLE } from '../../support/entries';
import { switchRecordsHere } from '../switch-records/fixtures/recording';

const exactHere = process.platform === 'linux' ? switchRecordsHere() : { ok: false };

const corelanes = (...args: string[]) => spawnSync(process.execPath, [CLI_BUNDLE, ...args], { encoding: 'utf8', timeout: 60_000 });

/** The /proc sampler at its default 3% CPU budget: the rate it reached, from every 1 ms (asked) to every 8 ms. */
const BUDGETED_PROC_LINE = /Scheduling: sampled from \/proc at \d+ Hz, every 1 to 8 ms as its CPU budget \(3% of a core\) allows \(asked for\)/;

describe('corelanes run: bad input', () => {
  it.each([
    [['--workload', 'nap'], /workload.*nap.*cpu, io, mixed, memory/],
    [['--workers', '0'], /workers must be at least 1/],
    [['--workers', '10000'], /workers must be at most 64/],
    [['--duration', '-1'], /duration must be positive/],
    [['--kind', 'fiber'], /kind.*fiber/],
    [['--out', '/nonexistent-dir/trace.json'], /cannot write the trace to .*nonexistent-dir/],
    [['no-such-preset'], /unknown preset 'no-such-preset'; known presets:/],
    [['--out', '/proc/corelanes-x.json'], /^corelanes: cannot write the trace to \/proc\/corelanes-x\.json: that folder does not accept new files$/m],
    [['--memory-mb', '-5'], /memory must be more than 0 MB/],
    [['--source', 'fast'], /source.*fast.*auto, exact, proc/],
    [['pools', '--out', join(tmpdir(), 'corelanes-pools.json')], /preset 'pools' .*no trace to write; drop --out/],
  ])('%s: one line naming the problem, non-zero exit, no run', (args, message) => {
    const r = corelanes('run', ...(args as string[]));
    expect(r.status).not.toBe(0);
    expect(r.status).not.toBeNull();
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('--help documents every option and the worker cap', () => {
    const r = corelanes('run', '--help');
    expect(r.status).toBe(0);
    for (const flag of ['--workload', '--kind', '--workers', '--duration', '--interval-ms', '--out', '--json', 'preset', '1 to 64']) expect(r.stdout).toContain(flag);
  });
});

describe('corelanes run --json', () => {
  it('prints the summary with the documented fields and writes a valid trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corelanes-cli-'));
    const out = join(dir, 'trace.json');
    const r = corelanes('run', '--kind', 'process', '--workers', '2', '--duration', '1', '--json', '--out', out);
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.wallMs).toBeGreaterThan(0);
    expect(s.parallelism).toBeGreaterThan(0);
    expect(s.sampler.rateHz).toBeGreaterThan(0);
    expect(s.sampler.cpuPercent).toBeGreaterThan(0);
    const workers = s.tasks.filter((t: { kind: string }) => t.kind === 'process');
    expect(workers).toHaveLength(2);
    for (const t of workers) {
      expect(t).toEqual(expect.objectContaining({ kind: 'process', pid: expect.any(Number), tid: expect.any(Number), onCpuMs: expect.any(Number), waitMs: expect.any(Number), migrations: expect.any(Number), spawnMs: expect.any(Number) }));
      expect(Object.keys(t.coreMs).length).toBeGreaterThan(0);
      expect(t.pid).toBe(t.tid);
    }
    const trace = TraceSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(trace.tasks.filter((t) => t.kind === 'process').map((t) => t.pid).sort()).toEqual(workers.map((t: { pid: number }) => t.pid).sort());
    expect(trace.segments.length).toBeGreaterThan(0);
    // auto: exact where the kernel allows it (each process's lane from its birth, its start-up CPU counted), else /proc saying why
    if (exactHere.ok) {
      expect(s.sampler).toMatchObject({ source: 'exact', refusal: null });
      for (const t of workers) expect(t.startupCpuMs).toBeGreaterThan(0);
      for (const t of trace.tasks.filter((t) => t.kind === 'process')) expect(t.bornMs).toBeGreaterThanOrEqual(t.requestedMs);
    } else expect(s.sampler).toMatchObject({ source: 'proc', refusal: expect.objectContaining({ message: expect.any(String) }) });
    expect(s.sampler.line).toMatch(/^Scheduling: /);
  });

  it('corelanes trace --source proc: the traced command is sampled from /proc and its trace says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corelanes-cli-'));
    const out = join(dir, 'trace.json');
    const r = corelanes('trace', '--source', 'proc', '--out', out, '--', 'sh', '-c', 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(BUDGETED_PROC_LINE);
    const trace = TraceSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(trace.run.command?.source).toBe('proc');
    expect(trace.metrics?.sampler).toMatchObject({ source: 'proc', requested: 'proc' });
  });

  it('--source proc samples /proc and says it was asked for', () => {
    const r = corelanes('run', '--workers', '1', '--duration', '0.4', '--source', 'proc');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/source proc/);
    expect(r.stdout).toMatch(BUDGETED_PROC_LINE);
  });
});

describe('corelanes run <preset without a timeline>: a verdict without a trace', () => {
  it('race-counter prints its verdict, in --json too, and exits 0', () => {
    const json = corelanes('run', 'race-counter', '--duration', '0.5', '--json');
    expect(json.status, json.stderr).toBe(0);
    const s = JSON.parse(json.stdout);
    expect(s.verdict).toEqual(expect.objectContaining({ presetId: 'race-counter', status: expect.any(String), explanation: expect.any(String) }));
    expect(s.out).toBeNull();
    const text = corelanes('run', 'race-counter', '--duration', '0.5', '--workers', '5', '--kind', 'process');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Verdict \(race-counter\): /m);
    expect(text.stderr).not.toMatch(/no trace/);
    // The typed options a preset decides are named in one warning line.
    expect(text.stderr.trim().split('\n')).toEqual(["corelanes: warning: preset 'race-counter' decides --kind, --workers; ignoring them"]);
  });
});

