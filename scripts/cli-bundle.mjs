// What scripts/build-cli.mjs bundles and how: shared with the unit test that
// keeps worker bundles light (test/unit/workers/worker-bundles.test.ts).

export const CLI_ENTRY_POINTS = {
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

/** esbuild options for every entry (entryPoints and outdir aside). */
export const CLI_BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // ws and the native-free deps bundle fine; keep optional native addons of ws external, and
  // @napi-rs/canvas (a native addon per platform, loaded from node_modules for PNG export).
  external: ['bufferutil', 'utf-8-validate', 'electron', 'playwright-core', '@napi-rs/canvas'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};
