import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './web-server';

export const artifactsDir = join(repoRoot, 'test', 'artifacts');
mkdirSync(artifactsDir, { recursive: true });

export function artifact(name: string): string {
  return join(artifactsDir, name);
}
