import { readFileSync } from 'node:fs';
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
  ])('%s may %s', async (file, code) => {
    expect(await ruleHits(file, code)).toEqual([]);
  });
});

describe('no child_process in Electron\'s main process (the runAsNode fuse breaks fork there)', () => {
  it('fires on the fixture: lab-child.ts as it forked before', async () => {
    const fixture = readFileSync('test/fixtures/lint/fork-in-main.ts', 'utf8');
    const hits = await ruleHits('src/main/presets/labs/lab-child.ts', fixture);
    expect(hits).toEqual([expect.stringMatching(/^'node:child_process' import is restricted .*runAsNode fuse breaks fork there/)]);
  });

  it.each([
    ['src/main/electron/x.ts', "import { fork } from 'node:child_process';"],
    ['src/main/engine/x.ts', "import * as cp from 'child_process';"],
    ['src/main/bridge/x.ts', "import { spawn } from 'node:child_process';"],
    ['src/main/index.ts', "import { execFile } from 'node:child_process';"],
  ])('%s may not %s', async (file, code) => {
    expect(await ruleHits(file, code)).not.toEqual([]);
  });

  it.each([
    ['src/main/engine/hosts/node-fork-host.ts', "import { fork } from 'node:child_process';"],
    ['src/main/tracer/spawn-tree.ts', "import { spawn } from 'node:child_process';"],
    ['src/main/cli/commands/web.ts', "import { spawn } from 'node:child_process';"],
    ['src/workers/x.ts', "import { spawn } from 'node:child_process';"],
  ])('%s may %s (the CLI\'s own host, the user\'s program, not the main process)', async (file, code) => {
    expect(await ruleHits(file, code)).toEqual([]);
  });

  it('the allowed files still obey the layer rules', async () => {
    expect(await ruleHits('src/main/tracer/spawn-tree.ts', "import { app } from 'electron';")).not.toEqual([]);
  });
});
