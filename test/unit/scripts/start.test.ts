import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  autostartUrl,
  buildSteps,
  describeFetchError,
  electronBinary,
  fetchBlocker,
  LAUNCH_WINDOW_MS,
  launchOutcome,
  missingBuildOutputs,
  progressStep,
  progressText,
  stallWatch,
  // @ts-expect-error plain .mjs script without types
} from '../../../scripts/start.mjs';

// The stderr Electron prints in each case (from the reports it is matched against).
const SUID =
  '[4915:1109/210824.687158:FATAL:sandbox/linux/suid/client/setuid_sandbox_host.cc:166] The SUID sandbox helper binary was found, but is not configured correctly. ' +
  "Rather than run without sandboxing I'm aborting now. You need to make sure that /tmp/.mount_CorelaXXXX/chrome-sandbox is owned by root and has mode 4755.";
const NO_USERNS =
  'FATAL:zygote_host_impl_linux.cc(128)] No usable sandbox! If you are running on Ubuntu 23.10+ or another Linux distro that has disabled unprivileged user namespaces with AppArmor, see https://chromium.googlesource.com/chromium/src/+/main/docs/security/apparmor-userns-restrictions.md.';
const NO_LIB = 'node_modules/electron/dist/electron: error while loading shared libraries: libnss3.so: cannot open shared object file: No such file or directory';
const NO_DISPLAY = '[1234:ERROR:ozone_platform_x11.cc(245)] Missing X server or $DISPLAY\n[1234:ERROR:env.cc(257)] The platform failed to initialize.  Exiting.';

type Outcome = { fallback: boolean; hint?: string; exitCode?: number };
const outcome = (o: Partial<{ code: number | null; signal: string | null; stderr: string; uptimeMs: number; userStopped: boolean }>): Outcome =>
  launchOutcome({ code: null, signal: null, stderr: '', uptimeMs: 800, userStopped: false, ...o });

describe('npm start: when Electron has exited', () => {
  it.each([
    ['the SUID sandbox helper error (AppImage, or Ubuntu 23.10+ with userns restricted)', { signal: 'SIGTRAP', stderr: SUID }, /could not start its sandbox .*Ubuntu 23\.10.*docs\/security\.md/],
    ['"No usable sandbox" (AppArmor user namespace restriction)', { signal: 'SIGTRAP', stderr: NO_USERNS }, /could not start its sandbox/],
    ['a missing shared library', { code: 127, stderr: NO_LIB }, /the system library libnss3\.so is missing/],
    ['no display', { code: 1, stderr: NO_DISPLAY }, /found no display/],
    ['any other crash at launch', { signal: 'SIGSEGV', stderr: 'Segmentation fault' }, /exited at launch \(signal SIGSEGV; its output is above\)/],
  ])('%s: falls back to web mode with a one-line hint', (_what, exit, hint) => {
    const o = outcome(exit);
    expect(o.fallback).toBe(true);
    expect(o.hint).toMatch(hint);
    expect(o.hint).toMatch(/serving the app to your browser instead\.$/);
    expect(o.hint).not.toContain('\n');
  });

  it('a sandbox failure falls back whenever it comes (it only ever comes at launch)', () => {
    expect(outcome({ signal: 'SIGTRAP', stderr: SUID, uptimeMs: 10 * LAUNCH_WINDOW_MS }).fallback).toBe(true);
  });

  it.each([
    ['the user quit the app', { code: 0 }, 0],
    ['the user pressed Ctrl-C', { signal: 'SIGINT', userStopped: true }, 0],
    ['the app failed after the user had used it', { code: 1, stderr: 'Segmentation fault', uptimeMs: LAUNCH_WINDOW_MS + 1 }, 1],
  ])('%s: npm start ends with Electron\'s status, no web mode', (_what, exit, code) => {
    expect(outcome(exit)).toEqual({ fallback: false, exitCode: code });
  });
});

describe('npm start: fetching Electron', () => {
  it('refuses Node versions whose require() cannot load @electron/get, exactly those outside engines', () => {
    const semver = createRequire(import.meta.url)('semver') as { satisfies(v: string, range: string): boolean };
    const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe('^20.19.0 || >=22.12.0');
    for (const v of ['18.20.4', '20.18.3', '20.19.0', '20.20.0', '21.7.3', '22.0.0', '22.11.0', '22.12.0', '23.1.0', '24.4.1']) {
      expect(fetchBlocker(`v${v}`) === null, v).toBe(semver.satisfies(v, engines));
    }
    expect(fetchBlocker('v22.5.1')).toBe("Node 22.5.1 cannot run Electron's downloader; use Node 20.19+ or 22.12+");
  });

  it('shows progress: each percent on a terminal, each tenth in a log', () => {
    expect(progressText('45.5.0', 40 * 2 ** 20, 104 * 2 ** 20)).toBe('Downloading Electron 45.5.0: 38% (40 of 104 MB)');
    expect(progressText('45.5.0', 3 * 2 ** 20, null)).toBe('Downloading Electron 45.5.0: 3 MB');
    expect([0.384, 0.389].map((f) => progressStep(f, true))).toEqual([38, 38]);
    expect([0.31, 0.389, 0.41].map((f) => progressStep(f, false))).toEqual([3, 3, 4]);
  });

  it('says why a download failed in a few words', () => {
    expect(describeFetchError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND', hostname: 'github.com' } }))).toBe('ENOTFOUND github.com');
    expect(describeFetchError(new Error('Response code 404 (Not Found) for https://x\nmore'))).toBe('Response code 404 (Not Found) for https://x');
  });
});

describe('npm start: a download is cut only when it stalls, never for being slow', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  it('data arriving keeps it going; silence for the whole stall time ends it', () => {
    let stalled = 0;
    const watch = stallWatch(60_000, () => stalled++);
    for (let i = 0; i < 30; i++) {
      vi.advanceTimersByTime(59_000); // a 30-minute download, data every 59 s
      watch.poke();
    }
    expect(stalled).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(stalled).toBe(1);
    watch.stop();
  });
});

describe('npm start: building and finding things', () => {
  it('builds with this node and no shell (npm.cmd/electron-vite.cmd need one; a path with a space breaks it)', () => {
    const steps = buildSteps() as { command: string; args: string[] }[];
    expect(steps.map((s) => s.command)).toEqual([process.execPath, process.execPath]);
    expect(steps[0]!.args[0]).toMatch(/electron-vite[\\/]bin[\\/]electron-vite\.js$/);
    expect(existsSync(steps[0]!.args[0]!)).toBe(true);
    expect(steps[0]!.args[1]).toBe('build');
    expect(steps[1]!.args).toEqual([resolve('scripts', 'build-cli.mjs')]);
    expect(readFileSync('scripts/start.mjs', 'utf8')).not.toMatch(/[{,]\s*shell\s*:/); // no spawn option shell
  });

  it('turns the web-mode line into the autostart URL', () => {
    expect(autostartUrl('Corelanes web: http://127.0.0.1:40123/')).toBe('http://127.0.0.1:40123/?autostart=1');
    expect(autostartUrl('something else')).toBeNull();
  });

  it('finds the Electron binary only when path.txt names an existing file, or ELECTRON_EXEC_PATH does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corelanes-electron-'));
    expect(electronBinary(dir, {})).toBeNull();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(electronBinary(dir, {})).toBeNull();
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(electronBinary(dir, {})).toBe(resolve(dir, 'dist', 'electron'));
    expect(electronBinary(dir, { ELECTRON_EXEC_PATH: join(dir, 'nope') })).toBeNull();
    expect(electronBinary(dir, { ELECTRON_EXEC_PATH: join(dir, 'path.txt') })).toBe(join(dir, 'path.txt'));
  });

  it('lists missing build outputs, the workers\' package.json included', () => {
    const missing = missingBuildOutputs(mkdtempSync(join(tmpdir(), 'corelanes-out-')));
    expect(missing).toContain('out/main/index.js');
    expect(missing).toContain('out/cli/workers/package.json');
  });
});
