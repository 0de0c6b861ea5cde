import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TraceSchema, type Trace } from '../../../src/shared';
import { findPython } from '../../../src/main/python';
import { busyLoopCores } from '../../support/baseline';
import { CLI_BUNDLE, ROOT } from '../../support/entries';
import { isAlive, waitAllGone } from '../../support/proc';

let python = 'python3';
const dir = mkdtempSync(join(tmpdir(), 'corelanes-trace-'));
beforeAll(async () => {
  // The interpreter itself, not a shim script in front of it: fewer short-lived helper processes.
  python = (await findPython('python3')).executable ?? 'python3';
});

function traceScript(script: string, seconds: number): { json: Record<string, unknown>; trace: Trace; stderr: string } {
  const out = join(dir, `${script}.json`);
  const r = spawnSync('node', [CLI_BUNDLE, 'trace', '--json', '--out', out, '--', python, join(ROOT, 'test/fixtures/python', script), String(seconds)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return { json: JSON.parse(r.stdout), trace: TraceSchema.parse(JSON.parse(readFileSync(out, 'utf8'))), stderr: r.stderr };
}

/** On-CPU (and on-CPU + run-queue) ms of some tasks over the window from their birth (or discovery) to their exit. */
function ratios(trace: Trace, ids: string[]): { onCpu: number; ready: number } {
  const tasks = trace.tasks.filter((t) => ids.includes(t.id));
  const window = Math.max(...tasks.map((t) => t.exitMs ?? trace.run.wallMs)) - Math.min(...tasks.map((t) => t.bornMs ?? t.requestedMs));
  let cpu = 0;
  let wait = 0;
  for (const s of trace.segments) {
    if (!ids.includes(s.taskId)) continue;
    cpu += s.onCpuNs / 1e6;
    wait += s.waitNs / 1e6;
  }
  return { onCpu: cpu / window, ready: (cpu + wait) / window };
}

const printedIds = (stderr: string) => JSON.parse(/done (\[.*\])/.exec(stderr)![1]!) as number[];

describe('corelanes trace -- python3 <script>', () => {
  it('2 CPU-bound threads: every thread is a task with its tid; together <= 1.15 cores; GIL waits are inferred, marked so', () => {
    const { json, trace, stderr } = traceScript('two_cpu_threads.py', 2);
    // The file says what ran (argv), and no kind, workload or worker count it did not have.
    expect(trace.run.params).toBeNull();
    expect(trace.run.command).toMatchObject({ argv: [python, join(ROOT, 'test/fixtures/python', 'two_cpu_threads.py'), '2'], intervalMs: 1, source: 'auto', cwd: process.cwd() });
    // How it ended, and the end of what it wrote to stdout (the line the test reads the tids from).
    expect(trace.run.command?.outcome).toMatchObject({ version: 1, exitCode: 0, exitSignal: null, stdout: { truncated: false }, stderr: { text: '', bytes: 0 } });
    expect(trace.run.command?.outcome?.stdout.text).toMatch(/^done \[\d+, \d+\]$/m);
    expect(json).toMatchObject({ kind: 'command', workload: null });
    const tids = printedIds(stderr);
    const root = trace.tasks.find((t) => t.kind === 'python-process' && t.parentId === null)!;
    for (const tid of tids) {
      const t = trace.tasks.find((x) => x.tid === tid);
      expect(t).toMatchObject({ id: `t${tid}`, kind: 'python-thread', pid: root.pid });
    }
    const r = ratios(trace, tids.map((t) => `t${t}`));
    expect(r.onCpu).toBeLessThanOrEqual(1.15);
    expect(json.inferredGilWaits).toBeGreaterThan(0);
    const inferred = trace.segments.filter((s) => s.inferred);
    expect(inferred.length).toBeGreaterThan(0);
    expect(inferred.every((s) => s.state === 'gil-wait')).toBe(true);
  });

  it('2 multiprocessing processes: each child process is a task with its pid; together >= 0.7 x the cores two bare busy loops get', async () => {
    const baseline = await busyLoopCores(2);
    const { trace, stderr } = traceScript('two_cpu_processes.py', 2);
    const pids = printedIds(stderr);
    for (const pid of pids) expect(trace.tasks.find((t) => t.pid === pid && t.tid === pid)).toMatchObject({ id: `p${pid}`, kind: 'python-process' });
    // Running or ready to run: other programs on a shared machine may keep a ready process off a core.
    expect(ratios(trace, pids.map((p) => `p${p}`)).ready).toBeGreaterThanOrEqual(0.7 * baseline);
    expect(trace.segments.some((s) => s.inferred)).toBe(false);
  });

  it('relative paths start from --cwd; exit code and both output tails are in the trace and the summary', () => {
    const out = join(dir, 'cwd.json');
    const fixtures = join(ROOT, 'test/fixtures/python');
    // A relative script path works only from its folder; the shell prints to both streams and fails with 3.
    const script = `${python} ./two_cpu_threads.py 0.05 && echo to-err >&2 && exit 3`;
    const r = spawnSync('node', [CLI_BUNDLE, 'trace', '--json', '--cwd', fixtures, '--out', out, '--', 'sh', '-c', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const trace = TraceSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(trace.run.command).toMatchObject({ cwd: fixtures, outcome: { exitCode: 3, exitSignal: null } });
    expect(trace.run.command?.outcome?.stdout.text).toMatch(/^done \[/m);
    expect(trace.run.command?.outcome?.stderr.text).toBe('to-err\n');
    expect(JSON.parse(r.stdout)).toMatchObject({ cwd: fixtures, outcome: { exitCode: 3 } });
    // A relative program that is not there says where it looked and what to do.
    const bad = spawnSync('node', [CLI_BUNDLE, 'trace', '--cwd', fixtures, '--', './no-such-prog'], { encoding: 'utf8', timeout: 30_000 });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`Relative paths start from the working directory ${fixtures}`);
  });

  it('a bad command is one clear line and exit 1', () => {
    const r = spawnSync('node', [CLI_BUNDLE, 'trace', '--', '/nonexistent/prog'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n').filter(Boolean).at(-1)).toMatch(/corelanes: .*nonexistent/);
  });

  it('SIGTERM ends the command and every process it started: no orphan', async () => {
    const out = join(dir, 'sleepers.json');
    const cli = spawn('node', [CLI_BUNDLE, 'trace', '--json', '--out', out, '--', 'sh', '-c', 'sleep 30 & sleep 30 & wait'], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise((r) => setTimeout(r, 1500));
    cli.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => cli.once('exit', (c) => r(c)));
    expect(code).toBe(143);
    const trace = TraceSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    const pids = [...new Set(trace.tasks.map((t) => t.pid!))];
    expect(pids.length).toBeGreaterThanOrEqual(3);
    expect(await waitAllGone(pids, 5000)).toEqual([]);
    expect(pids.some(isAlive)).toBe(false);
  });
});
