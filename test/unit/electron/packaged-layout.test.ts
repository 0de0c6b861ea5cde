import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronEntries } from '../../../src/main/electron/entries';
import { gilThreadEntryPath } from '../../../src/main/engine/kinds/gil-thread-kind';
import { RIG_NAMES, rigEntryPath } from '../../../src/main/presets/rigs/rig-child';
import { pythonWorkersScriptBeside } from '../../../src/main/python/worker-script';
import { ROOT } from '../../support/entries';

// The installed app's layout, checked against the build output (npm run dist
// cannot run here: it downloads Electron). electron-builder puts `files` into
// resources/app.asar and `asarUnpack` matches into resources/app.asar.unpacked;
// the main bundle runs from app.asar/out/main. Every file the engine starts by
// path must then be a real, unpacked file at the path the app computes.

const builderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
const { minimatch } = builderRequire('minimatch') as { minimatch(path: string, pattern: string): boolean };
const config = (builderRequire('js-yaml') as { load(text: string): { asarUnpack: string[]; files: string[] } }).load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'));

const resources = join(sep, 'opt', 'Corelanes', 'resources');
const unpacked = join(resources, 'app.asar.unpacked');
const entries = electronEntries(join(resources, 'app.asar', 'out', 'main'));

/** Every file the engine resolves from the shell's entries, by what it is. */
const started: Record<string, string> = {
  'process entry (utility processes)': entries.process,
  'thread entry': entries.thread,
  'sampler entry': entries.sampler,
  'gil-thread entry': gilThreadEntryPath(entries.thread),
  ...Object.fromEntries(RIG_NAMES.map((name) => [`${name} rig`, rigEntryPath(entries.thread, name)])),
  'Python worker program': pythonWorkersScriptBeside(entries.thread),
};

/** The repo path (relative, '/'-separated) a packaged path comes from, and whether it is unpacked. */
function source(path: string): { rel: string; isUnpacked: boolean } {
  const isUnpacked = path.startsWith(unpacked + sep);
  return { rel: relative(isUnpacked ? unpacked : join(resources, 'app.asar'), path).split(sep).join('/'), isUnpacked };
}
const packed = (rel: string) => config.files.some((p) => !p.startsWith('!') && minimatch(rel, p)) && !config.files.some((p) => p.startsWith('!') && minimatch(rel, p.slice(1)));
const unpackedByBuilder = (rel: string) => config.asarUnpack.some((p) => minimatch(rel, p));

describe('packaged layout (from the build output and electron-builder.yml)', () => {
  it.each(Object.entries(started))('the %s is a real unpacked file at the path the app computes', (_what, path) => {
    const { rel, isUnpacked } = source(path);
    expect(isUnpacked, `${path} must be in app.asar.unpacked: worker threads, utility processes and python3 need real files`).toBe(true);
    expect(packed(rel), `${rel} is not in electron-builder's files`).toBe(true);
    expect(unpackedByBuilder(rel), `${rel} is not matched by asarUnpack`).toBe(true);
    expect(existsSync(join(ROOT, rel)), `${rel} is missing: run "npm run build"`).toBe(true);
  });

  it('the unpacked entries are ES modules by their own package.json (the app\'s is inside app.asar, out of Node\'s reach)', () => {
    const rel = 'out/cli/workers/package.json';
    expect(JSON.parse(readFileSync(join(ROOT, rel), 'utf8'))).toEqual({ type: 'module' });
    expect(packed(rel) && unpackedByBuilder(rel)).toBe(true);
    for (const path of Object.values(started).filter((p) => p.endsWith('.js'))) {
      expect(source(path).rel.startsWith(`${dirname(rel)}/`), path).toBe(true);
      // Bundled: nothing imported bare from node_modules (there are none beside the unpacked files).
      const code = readFileSync(join(ROOT, source(path).rel), 'utf8');
      const bare = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]!).filter((m) => !m.startsWith('node:'));
      expect(bare, path).toEqual([]);
    }
  });
});
