#!/usr/bin/env node
// The published CLI: runs the bundle built by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli/corelanes.js', import.meta.url));
if (!existsSync(bundle)) {
  console.error('corelanes: not built yet. Run `npm run build` first (it needs no network).');
  process.exit(2);
}
await import(pathToFileURL(bundle).href);
