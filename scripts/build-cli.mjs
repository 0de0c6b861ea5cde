// Bundles the plain-Node side (headless CLI, web host) and the worker entry
// files with esbuild. Electron's own bundle comes from electron-vite; both use
// the same sources, so the engine runs identically in both hosts.
import { build } from 'esbuild';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { CLI_BUILD_OPTIONS, CLI_ENTRY_POINTS } from './cli-bundle.mjs';

const entryPoints = CLI_ENTRY_POINTS;
const missing = Object.values(entryPoints).filter((file) => !existsSync(file));
if (missing.length > 0) throw new Error(`build-cli: entry files missing: ${missing.join(', ')}`);

await build({
  ...CLI_BUILD_OPTIONS,
  entryPoints,
  outdir: 'out/cli',
  sourcemap: true,
  logLevel: 'warning',
});
// The entries are ES modules. Packaged, out/cli/workers sits in app.asar.unpacked,
// where the app's package.json ("type": "module", inside app.asar) is not on the
// path Node walks up to decide a .js file's module type: say it right there.
writeFileSync('out/cli/workers/package.json', `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
// The real-CPython programs run as they are, next to the worker entries.
cpSync('src/workers/python', 'out/cli/workers/python', { recursive: true, filter: (f) => !f.includes('__pycache__') });
// The bundled workshop exercises (and their scripts), read by `corelanes exercises`.
cpSync('exercises', 'out/cli/exercises', { recursive: true, filter: (f) => !f.includes('__pycache__') });
console.log(`build-cli: built ${Object.keys(entryPoints).length} entries into out/cli`);
