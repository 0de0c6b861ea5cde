#!/usr/bin/env node
// `npm start`: the Electron app when Electron's binary is here or can be
// fetched; otherwise the same app in the browser (web mode on loopback).
// Since Electron 42, `npm install` downloads no binary: it is fetched on first
// use by node_modules/electron/install.js (what `npx install-electron` runs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FETCH_TIMEOUT_MS = Number(process.env.CORELANES_ELECTRON_FETCH_TIMEOUT_MS ?? 180_000);

/** Files `npm run build` makes; any missing means build first. */
export const BUILD_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/cli/corelanes.js', 'out/cli/workers/process.js'];

export function missingBuildOutputs(dir = root) {
  return BUILD_OUTPUTS.filter((file) => !existsSync(join(dir, file)));
}

/** The Electron executable if it is installed, else null. Reads the package's files; never require('electron'), which would download. */
export function electronBinary(electronDir) {
  try {
    const relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist'), relative);
    return relative && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/**
 * The line web mode prints (its leader link, the token in the fragment), and
 * the link that opens it on the default scenario: ?autostart=1 before the
 * fragment. Printed only, never passed to another program: an argv is
 * readable by every user of the machine (/proc/PID/cmdline).
 */
export function autostartUrl(line) {
  const m = /^Corelanes web: (http:\/\/[^\s#]+\/)(#token=[A-Za-z0-9_-]+)?\s*$/.exec(line);
  return m ? `${m[1]}?autostart=1${m[2] ?? ''}` : null;
}

function electronDir() {
  try {
    return dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function run(command, args, options = {}) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}

/** Tries to fetch the binary; resolves with null on success or the reason it failed. */
function fetchElectron(dir) {
  console.log(`Fetching the Electron binary (${JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version})…`);
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], timeout: FETCH_TIMEOUT_MS, encoding: 'utf8' });
  if (result.error?.code === 'ETIMEDOUT') return `no answer within ${Math.round(FETCH_TIMEOUT_MS / 1000)} s`;
  if (result.status !== 0) {
    const last = (result.stderr ?? '').trim().split('\n').find((l) => /error|ENOTFOUND|EAI_AGAIN|ECONN|status/i.test(l));
    return (last ?? `exit code ${result.status}`).trim().slice(0, 160);
  }
  return electronBinary(dir) ? null : 'the download did not leave a usable binary';
}

function startWebMode() {
  const child = spawn(process.execPath, [join(root, 'out/cli/corelanes.js'), 'web', ...process.argv.slice(2)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const url = autostartUrl(line);
    console.log(url ? `Corelanes is running in your browser at ${url}  (Ctrl-C stops it)` : line);
  });
}

function main() {
  const missing = missingBuildOutputs();
  if (missing.length > 0) {
    console.log(`Building Corelanes first (missing ${missing[0]})…`);
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    if (build.status !== 0) {
      console.error('npm start: the build failed; see above.');
      process.exit(1);
    }
  }
  const dir = electronDir();
  let reason = dir ? null : 'the electron package is not installed (run npm install)';
  if (dir && !electronBinary(dir)) reason = fetchElectron(dir);
  if (reason === null) {
    const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
    run(bin, ['preview', '--skipBuild'], { env: { ...process.env, CORELANES_AUTOSTART: '1' }, shell: process.platform === 'win32' });
    return;
  }
  console.log(`Electron could not be downloaded (${reason}); falling back to web mode in your browser.`);
  startWebMode();
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
