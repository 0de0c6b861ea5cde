import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { describe, expect, it } from 'vitest';

// What `npm run build` (electron-vite) leaves for the Electron shell. The
// binary cannot run here, so the bundles are checked for what Electron needs.

const read = (file: string): string => {
  if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first`);
  return readFileSync(file, 'utf8');
};

describe('electron-vite build output', () => {
  it('the sandboxed preload is CommonJS and requires nothing but electron', () => {
    const preload = read('out/preload/index.cjs');
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld("corelanes"');
    expect(preload.length).toBeLessThan(20_000); // the contract's names and channels, not zod and the schemas
  });

  it('the main bundle starts the app and imports nothing from node_modules but electron (zod and fflate are bundled)', () => {
    const main = read('out/main/index.js');
    expect(main).toMatch(/from "electron"/);
    expect(main).toContain('app://');
    const imported = [...main.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]!);
    // Node's own modules only (fflate, bundled, imports 'module' without the node: prefix).
    expect(imported.filter((m) => !isBuiltin(m) && m !== 'electron')).toEqual([]);
    // Nothing in Electron's main process forks: child_process.fork needs ELECTRON_RUN_AS_NODE, which the runAsNode fuse disables.
    expect(main).not.toMatch(/import \{[^}]*\bfork\b[^}]*\} from "node:child_process"/);
  });

  it('the renderer and the worker entries the shell points at exist', () => {
    expect(read('out/renderer/index.html')).toContain('<div id="root">');
    for (const worker of ['thread', 'gil-thread', 'sampler', 'process']) expect(existsSync(`out/cli/workers/${worker}.js`), worker).toBe(true);
  });
});
