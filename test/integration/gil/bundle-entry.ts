import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bundles one worker entry to a temp .mjs so a test runs the real entry without `npm run build`. */
export async function bundleEntry(source: string): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'corelanes-entry-')), 'entry.mjs');
  await build({ entryPoints: [source], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'error' });
  return outfile;
}
