import { join, sep } from 'node:path';

/**
 * A file inside app.asar as unpacked by electron-builder (asarUnpack): worker
 * threads and the Python programs need real files on disk. Unchanged when
 * the app is not packaged.
 */
export function unpackedPath(path: string): string {
  return path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
}

/** The worker entries built by scripts/build-cli.mjs (out/cli/workers), seen from out/main. */
export function builtWorkerPath(mainDir: string, name: 'thread' | 'sampler' | 'process'): string {
  return unpackedPath(join(mainDir, '..', 'cli', 'workers', `${name}.js`));
}
