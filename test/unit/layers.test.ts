import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer rules of DESIGN.md section 3, checked through the project's own
// lint config, so a rule that stops matching fails here and not silently.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleHits(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

type Case = [file: string, code: string];
/** One test per [file, import]: the rules refuse it. */
const refuses = (cases: Case[], title = '%s may not %s') =>
  it.each(cases)(title, async (file, code) => {
    expect(await ruleHits(file, code)).not.toEqual([]);
  });
/** One test per [file, import]: the rules let it through. */
const allows = (cases: Case[], title = '%s may %s') =>
  it.each(cases)(title, async (file, code) => {
    expect(await ruleHits(file, code)).toEqual([]);
  });

describe('layer rules', () => {
  // The first lint loads the config and its plugins: seconds on a busy machine, so not inside a test's timeout.
  beforeAll(() => eslint.lintText('', { filePath: 'src/shared/warm-up.ts' }), 60_000);

  refuses([
    ['src/shared/x.ts', "import 'node:fs';"],
    ['src/shared/x.ts', "import { app } from 'electron';"],
    ['src/shared/x.ts', "import '../main/engine/entries';"],
    ['src/renderer/x.ts', "import 'node:path';"],
    ['src/renderer/x.ts', "import 'electron';"],
    ['src/renderer/x.ts', "import '../main/engine/entries';"],
    ['src/workers/x.ts', "import 'electron';"],
    ['src/workers/x.ts', "import '../main/engine/entries';"],
    ['src/node/x/y.ts', "import 'electron';"],
    ['src/node/x/y.ts', "import '../../main/engine/entries';"],
    ['src/node/x/y.ts', "import '../../workers/sampler/sampler-loop';"],
    ['src/main/engine/x.ts', "import { app } from 'electron';"],
    ['src/main/cli/x.ts', "import 'electron/main';"],
    ['src/main/x.ts', "import '../renderer/main';"],
    ['src/main/engine/x.ts', "import { monoMs } from '../../workers/runtime/clock';"],
    ['src/main/presets/x.ts', "import '../../workers/gil';"],
    ['src/main/electron/x.ts', "import '../../workers/thread-entry';"],
    ['src/main/electron/x.ts', "import '../../workers/gil/gil?modulePath';"],
    ['src/node/x.ts', "import '../workers/gil';"],
    ['src/node/x.ts', "import '../main/engine/entries';"],
    ['src/node/proc/x.ts', "import { app } from 'electron';"],
    ['src/shared/x.ts', "import '../node/clock';"],
    ['src/renderer/x.ts', "import '../node/clock';"],
    // src/main, folder by folder (docs/architecture.md): the engine imports neither the tracer nor the bridge.
    ['src/main/engine/x.ts', "import '../tracer/trace-command';"],
    ['src/main/engine/kinds/x.ts', "import { TreeFollower } from '../../tracer/tree-follower';"],
    ['src/main/engine/x.ts', "import '../bridge';"],
    ['src/main/engine/x.ts', "import '../presets';"],
    ['src/main/presets/x.ts', "import '../bridge/messages';"],
    ['src/main/python/x.ts', "import '../engine/recording';"],
    ['src/main/platform/x.ts', "import '../python';"],
    ['src/main/tracer/x.ts', "import '../presets';"],
    ['src/main/bridge/x.ts', "import '../web/server';"],
    ['src/main/web/x.ts', "import '../cli/main';"],
    ['src/main/electron/x.ts', "import '../cli/main';"],
    // src/timeline draws in the page and in Node: only src/shared; src/main/files (file I/O) imports no other folder of src/main.
    ['src/shared/x.ts', "import '../timeline/model';"],
    ['src/timeline/x.ts', "import 'node:zlib';"],
    ['src/timeline/x.ts', "import '../renderer/app/live-summary';"],
    ['src/timeline/x.ts', "import '../main/engine/entries';"],
    ['src/timeline/x.ts', "import '../node/clock';"],
    ['src/main/files/x.ts', "import '../cli/run/out-file';"],
    // Exercises run through the engine, presets and tracer; they are not a front end.
    ['src/main/exercises/x.ts', "import '../cli/main';"],
    ['src/main/exercises/x.ts', "import '../web/server';"],
    ['src/main/presets/x.ts', "import '../exercises';"],
  ]);

  allows([
    ['src/main/electron/x.ts', "import { app } from 'electron';"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['src/main/index.ts', "import './electron/app';"],
    ['src/main/engine/x.ts', "import 'node:fs';"],
    ['src/renderer/x.ts', "import '../shared';"],
    ['src/workers/x.ts', "import '../shared';"],
    ['src/node/x/y.ts', "import 'node:fs';"],
    ['src/node/x/y.ts', "import '../../shared';"],
    ['src/workers/x.ts', "import '../node/clock';"],
    ['src/node/x.ts', "import '../shared';"],
    ['src/main/engine/x.ts', "import '../../node/proc/task-stat';"],
    ['src/main/electron/x.ts', "import processEntry from '../../workers/process-entry?modulePath';"],
    ['src/main/electron/x.ts', "import samplerEntry from '../../workers/sampler-entry?nodeWorker';"],
    ['src/main/tracer/x.ts', "import { RunRecording } from '../engine/recording';"],
    ['src/main/engine/kinds/x.ts', "import { applyInferredGilWait } from '../../python/gil-inference';"],
    ['src/main/engine/x.ts', "import type { BridgeEvent } from '../../shared/bridge/events';"],
    ['src/main/bridge/x.ts', "import { traceCommand } from '../tracer/trace-command';"],
    ['src/main/web/x.ts', "import { userMessage } from '../bridge/messages';"],
    ['src/main/cli/commands/x.ts', "import { startWebMode } from '../../web';"],
    ['src/timeline/x.ts', "import '../shared';"],
    ['src/renderer/x.ts', "import '../timeline/painter';"],
    ['src/main/cli/x.ts', "import '../../timeline/painter';"],
    ['src/main/cli/commands/x.ts', "import { readTraceFile } from '../../files/read-trace-file';"],
    ['src/main/exercises/x.ts', "import { findPreset } from '../presets';"],
    ['src/main/exercises/x.ts', "import { traceCommand } from '../tracer/trace-command';"],
    ['src/main/cli/commands/x.ts', "import { loadExercises } from '../../exercises';"],
  ]);

  it('no function in src/main is over 120 lines (blank lines and comments aside)', async () => {
    const body = Array.from({ length: 121 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const [result] = await eslint.lintText(`export function big(): void {\n${body}\n}\n`, { filePath: 'src/main/engine/x.ts' });
    expect(result?.messages.map((m) => m.ruleId)).toContain('max-lines-per-function');
    const [small] = await eslint.lintText(`export function fine(): void {\n${body.split('\n').slice(0, 100).join('\n')}\n}\n`, { filePath: 'src/main/engine/x.ts' });
    expect(small?.messages.map((m) => m.ruleId)).not.toContain('max-lines-per-function');
  });
});

describe('no child_process in Electron\'s main process (the runAsNode fuse breaks fork there)', () => {
  it('fires on the fixture: rig-child.ts as it forked before', async () => {
    const fixture = readFileSync('test/fixtures/lint/fork-in-main.ts', 'utf8');
    const hits = await ruleHits('src/main/presets/rigs/rig-child.ts', fixture);
    expect(hits).toEqual([expect.stringMatching(/^'node:child_process' import is restricted .*runAsNode fuse breaks fork there/)]);
  });

  refuses([
    ['src/main/electron/x.ts', "import { fork } from 'node:child_process';"],
    ['src/main/engine/x.ts', "import * as cp from 'child_process';"],
    ['src/main/bridge/x.ts', "import { spawn } from 'node:child_process';"],
    ['src/main/index.ts', "import { execFile } from 'node:child_process';"],
    ['src/main/tracer/trace-command.ts', "import type { ChildProcess } from 'node:child_process';"],
  ]);

  allows([
    ['src/main/engine/launchers/node-fork-launcher.ts', "import { fork } from 'node:child_process';"],
    ['src/main/tracer/spawn-tree.ts', "import { spawn } from 'node:child_process';"],
    ['src/main/engine/kinds/python-interpreter.ts', "import { spawn } from 'node:child_process';"],
    ['src/main/python/discover.ts', "import { execFile } from 'node:child_process';"],
    ['src/main/cli/commands/web.ts', "import { spawn } from 'node:child_process';"],
    ['src/workers/x.ts', "import { spawn } from 'node:child_process';"],
  ], '%s may %s (the CLI\'s own launcher, python3, the user\'s program, not the main process)');

  refuses([
    ['src/main/tracer/spawn-tree.ts', "import { app } from 'electron';"],
    ['src/main/tracer/spawn-tree.ts', "import '../bridge/service';"],
    ['src/main/engine/launchers/node-fork-launcher.ts', "import '../../../workers/runtime/clock';"],
    ['src/main/cli/commands/web.ts', "import '../../electron/app';"],
  ], 'the allowed file %s still obeys the layer rules: %s');
});
