#!/usr/bin/env node
// `npm start`: the Electron app when Electron's binary is here or can be
// fetched and can start; otherwise the same app in the browser (web mode on
// loopback), with one line saying why.
// Since Electron 42, `npm install` downloads no binary: it is fetched on first
// use. Here the download runs in this process (with progress, and no time
// limit while data flows), then node_modules/electron/install.js (what
// `npx install-electron` runs) finds it in @electron/get's cache and unpacks it.
// Nothing runs through a shell: Windows paths with spaces stay one argument.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** A download that sends no data for this long has stalled (a slow one that moves is never cut). */
export const STALL_MS = Number(process.env.CORELANES_ELECTRON_STALL_MS ?? 60_000);
/** An unexplained exit this soon after launch is a failure to start, not the user quitting. */
export const LAUNCH_WINDOW_MS = 15_000;
const FALLBACK = 'serving the app to your browser instead.';

/** Files `npm run build` makes; any missing means build first. */
export const BUILD_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/cli/corelanes.js', 'out/cli/workers/process.js', 'out/cli/workers/package.json'];

export function missingBuildOutputs(dir = root) {
  return BUILD_OUTPUTS.filter((file) => !existsSync(join(dir, file)));
}

/**
 * The build, as `npm run build` does it, but each step run with this very
 * node and no shell (npm.cmd and electron-vite.cmd need one on Windows, and
 * an unquoted path with a space breaks it).
 */
export function buildSteps(dir = root) {
  const vitePkg = createRequire(join(dir, 'package.json')).resolve('electron-vite/package.json');
  const bin = JSON.parse(readFileSync(vitePkg, 'utf8')).bin;
  const cli = join(dirname(vitePkg), typeof bin === 'string' ? bin : bin['electron-vite']);
  return [
    { command: process.execPath, args: [cli, 'build'] },
    { command: process.execPath, args: [join(dir, 'scripts', 'build-cli.mjs')] },
  ];
}

/**
 * The Electron executable if it is installed, else null. ELECTRON_EXEC_PATH
 * overrides it (as it does for electron-vite). Reads the package's files;
 * never require('electron'), which would download.
 */
export function electronBinary(electronDir, env = process.env) {
  if (env.ELECTRON_EXEC_PATH) return existsSync(env.ELECTRON_EXEC_PATH) ? env.ELECTRON_EXEC_PATH : null;
  try {
    const relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist'), relative);
    return relative && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/**
 * Why this Node cannot run Electron's downloader, or null. @electron/get is
 * an ES module that install.js loads with require(): Node 20.19+ and 22.12+
 * allow that, 22.0-22.11 fail with ERR_REQUIRE_ESM (hence package.json's
 * engines: ^20.19.0 || >=22.12.0).
 */
export function fetchBlocker(nodeVersion) {
  const [major, minor] = nodeVersion.replace(/^v/, '').split('.').map(Number);
  const ok = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23;
  return ok ? null : `Node ${nodeVersion.replace(/^v/, '')} cannot run Electron's downloader; use Node 20.19+ or 22.12+`;
}

/** One short reason for a failed download (fetch hides the network error in `cause`). */
export function describeFetchError(error) {
  const cause = error?.cause;
  if (cause?.code) return `${cause.code}${cause.hostname ? ` ${cause.hostname}` : ''}`;
  return String(error?.message ?? error).split('\n')[0].slice(0, 160);
}

const MB = 1024 * 1024;

/** The progress line of the download. */
export function progressText(version, transferred, total) {
  if (!total) return `Downloading Electron ${version}: ${(transferred / MB).toFixed(0)} MB`;
  return `Downloading Electron ${version}: ${Math.floor((transferred / total) * 100)}% (${(transferred / MB).toFixed(0)} of ${(total / MB).toFixed(0)} MB)`;
}

/** Which step of the progress a fraction falls in: each percent on a terminal, each tenth in a log. */
export function progressStep(fraction, isTTY) {
  return Math.floor(fraction * (isTTY ? 100 : 10));
}

/** Calls onStall when poke() has not been called for ms; stop() ends the watch. */
export function stallWatch(ms, onStall, timers = { set: setTimeout, clear: clearTimeout }) {
  let timer = timers.set(onStall, ms);
  return {
    poke() {
      timers.clear(timer);
      timer = timers.set(onStall, ms);
    },
    stop: () => timers.clear(timer),
  };
}

/**
 * What to do when Electron has exited: its exit code and signal, the tail of
 * its stderr, how long it ran, and whether the user stopped it (Ctrl-C).
 * `{ fallback: true, hint }` serves the app in the browser with that one
 * line; `{ fallback: false, exitCode }` ends npm start.
 */
export function launchOutcome({ code, signal, stderr, uptimeMs, userStopped }) {
  if (userStopped) return { fallback: false, exitCode: code ?? 0 };
  if (code === 0 && !signal) return { fallback: false, exitCode: 0 };
  if (/SUID sandbox helper binary|No usable sandbox|setuid_sandbox_host|apparmor-userns-restrictions/i.test(stderr)) {
    return {
      fallback: true,
      hint: `Electron could not start its sandbox (unprivileged user namespaces are restricted here, as on Ubuntu 23.10 and later; docs/security.md says how to allow it); ${FALLBACK}`,
    };
  }
  const lib = /error while loading shared libraries: ([^:\s]+)/.exec(stderr);
  if (lib) return { fallback: true, hint: `Electron could not start: the system library ${lib[1]} is missing (install your distribution's package that has it); ${FALLBACK}` };
  if (/Missing X server or \$DISPLAY|cannot open display|Failed to connect to Wayland display/i.test(stderr)) {
    return { fallback: true, hint: `Electron found no display to open a window on (no X server or Wayland); ${FALLBACK}` };
  }
  if (uptimeMs < LAUNCH_WINDOW_MS) {
    return { fallback: true, hint: `Electron exited at launch (${signal ? `signal ${signal}` : `exit code ${code}`}; its output is above); ${FALLBACK}` };
  }
  return { fallback: false, exitCode: code ?? 1 };
}

/** The line web mode prints, and the URL that opens it on the default scenario. */
export function autostartUrl(line) {
  const m = /^Corelanes web: (http:\/\/\S+\/)\s*$/.exec(line);
  return m ? `${m[1]}?autostart=1` : null;
}

function electronDir() {
  try {
    return dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** Ctrl-C and SIGTERM go to the child; returns a function telling whether one came. */
function forwardSignals(child) {
  let stopped = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  return () => stopped;
}

/** Downloads the binary; resolves with null on success or the reason it failed. */
async function fetchElectron(dir) {
  const blocked = fetchBlocker(process.versions.node);
  if (blocked) return blocked;
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  console.log(`Fetching the Electron binary ${version} (about 100 MB, once; Ctrl-C stops it)…`);
  let get;
  try {
    get = await import(pathToFileURL(createRequire(join(dir, 'package.json')).resolve('@electron/get')).href);
  } catch (error) {
    return `its downloader did not load (${describeFetchError(error)})`;
  }
  const isTTY = Boolean(process.stdout.isTTY);
  const abort = new AbortController();
  let stalled = false;
  const watch = stallWatch(STALL_MS, () => {
    stalled = true;
    abort.abort();
  });
  let step = -1;
  let shown = false;
  const onProgress = ({ transferred, total }) => {
    watch.poke();
    const next = progressStep(total ? transferred / total : 0, isTTY);
    if (next === step) return;
    step = next;
    shown = true;
    const text = progressText(version, transferred, total);
    if (isTTY) process.stdout.write(`\r${text}\x1b[K`);
    else console.log(text);
  };
  // The same artifact, platform, arch, cache and checksums as install.js, so it finds the archive in the cache.
  const useRemoteChecksums = process.env.electron_use_remote_checksums || process.env.npm_config_electron_use_remote_checksums;
  try {
    await get.downloadArtifact({
      version,
      artifactName: 'electron',
      force: process.env.force_no_cache === 'true',
      cacheRoot: process.env.electron_config_cache,
      checksums: useRemoteChecksums ? undefined : JSON.parse(readFileSync(join(dir, 'checksums.json'), 'utf8')),
      platform: process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform,
      arch: process.env.ELECTRON_INSTALL_ARCH || process.env.npm_config_arch || process.arch,
      downloadOptions: { quiet: true, signal: abort.signal, getProgressCallback: onProgress },
    });
  } catch (error) {
    return stalled ? `the download stalled: no data for ${Math.round(STALL_MS / 1000)} s` : describeFetchError(error);
  } finally {
    watch.stop();
    if (shown && isTTY) process.stdout.write('\n');
  }
  const unpacked = spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: root, stdio: 'inherit' });
  if (unpacked.status !== 0) return `unpacking it failed (exit code ${unpacked.status ?? unpacked.signal}; see above)`;
  return electronBinary(dir) ? null : 'the download did not leave a usable binary';
}

function startWebMode() {
  const child = spawn(process.execPath, [join(root, 'out/cli/corelanes.js'), 'web', ...process.argv.slice(2)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  forwardSignals(child);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const url = autostartUrl(line);
    console.log(url ? `Corelanes is running in your browser at ${url}  (Ctrl-C stops it)` : line);
  });
}

/** Starts the app in Electron; if Electron cannot start here, serves it to the browser instead. */
function launchElectron(binary) {
  const startedAt = Date.now();
  // stderr passes through, and its tail is kept to tell why Electron ended.
  const child = spawn(binary, [root], { cwd: root, stdio: ['inherit', 'inherit', 'pipe'], env: { ...process.env, CORELANES_AUTOSTART: '1' } });
  const userStopped = forwardSignals(child);
  let tail = '';
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    tail = (tail + chunk.toString()).slice(-65_536);
  });
  let failedToSpawn = null;
  child.on('error', (error) => (failedToSpawn = error));
  child.on('close', (code, signal) => {
    const outcome = failedToSpawn
      ? { fallback: true, hint: `Electron could not be started (${failedToSpawn.code ?? failedToSpawn.message}); ${FALLBACK}` }
      : launchOutcome({ code, signal, stderr: tail, uptimeMs: Date.now() - startedAt, userStopped: userStopped() });
    if (!outcome.fallback) process.exit(outcome.exitCode);
    console.log(outcome.hint);
    startWebMode();
  });
}

async function main() {
  const missing = missingBuildOutputs();
  if (missing.length > 0) {
    console.log(`Building Corelanes first (missing ${missing[0]})…`);
    for (const step of buildSteps()) {
      const build = spawnSync(step.command, step.args, { cwd: root, stdio: 'inherit' });
      if (build.status !== 0) {
        console.error('npm start: the build failed; see above.');
        process.exit(1);
      }
    }
  }
  const dir = electronDir();
  let reason = dir ? null : 'the electron package is not installed (run npm install)';
  if (dir && !electronBinary(dir)) reason = await fetchElectron(dir);
  if (reason === null) return launchElectron(electronBinary(dir));
  console.log(`Electron could not be downloaded (${reason}); ${FALLBACK}`);
  startWebMode();
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
