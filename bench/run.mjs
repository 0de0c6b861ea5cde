// Runs every bench/*.bench.ts in its own process, one after another (they
// measure the cores, so they must not overlap), or only those named:
//   npm run bench -- sampler spawn
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
if (files.length === 0) {
  console.error(`bench: nothing matches ${wanted.join(' ') || '*'}; available: ${readdirSync(here).filter((f) => f.endsWith('.bench.ts')).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`bench: ${file} failed (exit ${r.status ?? r.signal})`);
  }
}
console.log(`\nbench: ${files.length - failed} of ${files.length} benchmarks ran; JSON in bench/results/`);
process.exit(failed ? 1 : 0);
