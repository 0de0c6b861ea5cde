import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './web-server';

export const artifactsDir = join(repoRoot, 'test', 'artifacts');
mkdirSync(artifactsDir, { recursive: true });

export function artifact(name: string): string {
  return join(artifactsDir, name);
}

/**
 * Copies a reviewed artifact into docs/screenshots, only when asked
 * (UPDATE_SCREENSHOTS=1): a test run never rewrites tracked files.
 */
export function publishScreenshot(name: string, docsName: string): void {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  copyFileSync(artifact(name), join(repoRoot, 'docs', 'screenshots', docsName));
}
