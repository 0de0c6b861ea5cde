import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules of DESIGN.md section 3, checked through the project's own
// lint config, so a rule that stops matching fails here and not silently.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleHits(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['src/shared/x.ts', "import 'node:fs';"],
    ['src/shared/x.ts', "import { app } from 'electron';"],
    ['src/shared/x.ts', "import '../main/engine/entries';"],
    ['src/renderer/x.ts', "import 'node:path';"],
    ['src/renderer/x.ts', "import 'electron';"],
    ['src/renderer/x.ts', "import '../main/engine/entries';"],
    ['src/workers/x.ts', "import 'electron';"],
    ['src/workers/x.ts', "import '../main/engine/entries';"],
    ['src/main/engine/x.ts', "import { app } from 'electron';"],
    ['src/main/cli/x.ts', "import 'electron/main';"],
    ['src/main/x.ts', "import '../renderer/main';"],
    ['src/shared/x.ts', "import '../timeline/model';"],
    ['src/timeline/x.ts', "import 'node:zlib';"],
    ['src/timeline/x.ts', "import '../renderer/app/summary';"],
    ['src/timeline/x.ts', "import '../main/engine/entries';"],
  ])('%s may not %s', async (file, code) => {
    expect(await ruleHits(file, code)).not.toEqual([]);
  });

  it.each([
    ['src/main/electron/x.ts', "import { app } from 'electron';"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['src/main/index.ts', "import './electron/app';"],
    ['src/main/engine/x.ts', "import 'node:fs';"],
    ['src/renderer/x.ts', "import '../shared';"],
    ['src/workers/x.ts', "import '../shared';"],
    ['src/timeline/x.ts', "import '../shared';"],
    ['src/renderer/x.ts', "import '../timeline/painter';"],
    ['src/main/cli/x.ts', "import '../../timeline/painter';"],
  ])('%s may %s', async (file, code) => {
    expect(await ruleHits(file, code)).toEqual([]);
  });
});
