import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../support/entries';
import { childrenOf, pidsWithEnv, waitAllGone } from '../../support/proc';
import { until } from '../../support/until';

// `npm start` (scripts/start.mjs) end to end, with a stand-in for the Electron
// binary (ELECTRON_EXEC_PATH, honoured as by electron-vite) that fails the way
// Electron does on Ubuntu 23.10+ with restricted user namespaces.

// Every process of a test carries this marker in its environment, so a failed
// assertion cannot leave `corelanes web` behind: killing start.mjs alone would
// orphan its child.
const MARK_ID = randomUUID();
let start: ChildProcess | null = null;
afterEach(async () => {
  if (start && start.exitCode === null && start.signalCode === null) start.kill('SIGKILL');
  start = null;
  const left = pidsWithEnv(`CORELANES_START_TEST=${MARK_ID}`);
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  await waitAllGone(left, 5000);
});

function fakeElectron(script: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'corelanes-fake-electron-')), 'electron');
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

function runStart(electron: string) {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, ELECTRON_EXEC_PATH: electron, CORELANES_START_TEST: MARK_ID },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  start = child;
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out, exited };
}

describe('npm start when Electron cannot start here', () => {
  it('the SUID sandbox abort: one line of hint, then the app in the browser; Ctrl-C ends it all', async () => {
    const electron = fakeElectron(
      `echo "[1:FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now." >&2\nkill -TRAP $$`,
    );
    const { child, out, exited } = runStart(electron);
    const url = await until('the web-mode URL', () => /running in your browser at (http:\/\/\S+)/.exec(out.stdout)?.[1], 30_000);
    const lines = out.stdout.trim().split('\n');
    // The hint, the leader's link (autostart, token in the fragment), and web mode's viewer link for others.
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Electron could not start its sandbox .*; serving the app to your browser instead\.$/);
    expect(url).toMatch(/\?autostart=1#token=[A-Za-z0-9_-]+$/);
    expect(lines[2]).toMatch(/^ {2}viewer link .*#token=/);
    expect(out.stderr).toContain('SUID sandbox helper binary'); // Electron's own output is shown, not hidden
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const web = childrenOf(child.pid!);
    expect(web).toHaveLength(1);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(await waitAllGone(web, 5000)).toEqual([]);
  });

  it('an app that quits normally ends npm start with its status, no web mode', async () => {
    const { out, exited } = runStart(fakeElectron('exit 0'));
    expect(await exited).toBe(0);
    expect(out.stdout).toBe('');
  });
});
