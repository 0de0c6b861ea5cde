// Bundles the plain-Node side (headless CLI, web host) and the worker entry
// files with esbuild. Electron's own bundle comes from electron-vite; both use
// the same sources, so the engine runs identically in both hosts.
import { build } from 'esbuild';
import { cpSync, existsSync, writeFileSync } from 'node:fs';

const entryPoints = {
  corelanes: 'src/main/cli/main.ts',
  'workers/thread': 'src/workers/thread-entry.ts',
  'workers/process': 'src/workers/process-entry.ts',
  'workers/sampler': 'src/workers/sampler-entry.ts',
  'workers/gil-thread': 'src/workers/gil-thread-entry.ts',
  'workers/rigs/task-worker': 'src/workers/rigs/task-worker-entry.ts',
  'workers/rigs/race-counter': 'src/workers/rigs/race-counter-entry.ts',
  'workers/rigs/echo': 'src/workers/rigs/echo-entry.ts',
  'workers/rigs/crash-victim': 'src/workers/rigs/crash-victim-entry.ts',
};
const missing = Object.values(entryPoints).filter((file) => !existsSync(file));
if (missing.length > 0) throw new Error(`build-cli: entry files missing: ${missing.join(', ')}`);

await build({
  entryPoints,
  outdir: 'out/cli',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  // ws and the native-free deps bundle fine; keep optional native addons of ws external, and
  // @napi-rs/canvas (a native addon per platform, loaded from node_modules for PNG export).
  external: ['bufferutil', 'utf-8-validate', 'electron', 'playwright-core', '@napi-rs/canvas'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
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
