import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, createNodeForkLauncher } from '../../../src/main/engine';
import { startWebMode, type WebMode } from '../../../src/main/web';
import { bridgeClient } from '../../support/bridge-client';
import { builtEntries } from '../../support/entries';
import { until } from '../../support/until';

// Web mode decides by its bind address whether the page may run a program of its choice.

let mode: WebMode | null = null;
afterEach(async () => {
  await mode?.close();
  mode = null;
});

async function webModeOn(host: string | undefined) {
  const entries = builtEntries();
  const engine = createEngine({ entries, launcher: createNodeForkLauncher() });
  mode = await startWebMode({ engine, port: 0, host, rendererDir: resolve('out/renderer'), samplerEntry: entries.sampler, log: () => undefined });
  const c = bridgeClient(`ws://127.0.0.1:${mode.server.port}/bridge`, mode.server.tokens.leader);
  await c.opened;
  return c;
}

describe('web mode: traceCommand', () => {
  it('bound to every interface (--host 0.0.0.0): refused with the reason', async () => {
    const c = await webModeOn('0.0.0.0');
    await expect(c.invoke('traceCommand', { argv: ['sleep', '5'] })).rejects.toThrow(/only allowed when Corelanes serves loopback only; restart without --host/);
    // Nor does it tell where on this machine it would run (a path of the host's file system).
    await expect(c.invoke('traceDefaults', {})).rejects.toThrow(/only allowed when Corelanes serves loopback only/);
    expect(c.events()).toEqual([]);
  });

  it('bound to loopback (the default): runs the program and streams it', async () => {
    const c = await webModeOn(undefined);
    expect(await c.invoke('traceDefaults', {})).toEqual({ cwd: process.cwd() });
    const { runId } = (await c.invoke('traceCommand', { argv: ['sleep', '0.3'] })) as { runId: string };
    const ended = await until('run-ended', () => c.events().find((e) => e.type === 'run-ended'));
    // run-ended carries how the program ended: where it ran, its exit status and output tails.
    expect(ended).toMatchObject({ runId, reason: 'finished', command: { argv: ['sleep', '0.3'], cwd: process.cwd(), outcome: { exitCode: 0, exitSignal: null } } });
    expect(c.events().some((e) => e.type === 'task' && e.task.label.startsWith('sleep'))).toBe(true);
  });
});
