import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_START_URL } from '../../../src/main/electron/app-url';
import { sendToPage, type PageLike } from '../../../src/main/electron/ipc-wiring';
import { OPEN_TRACE_DIALOG, openTraceFromMenu, readTraceFile } from '../../../src/main/electron/open-trace';
import { createCorelanesApi, type IpcRendererLike } from '../../../src/preload/api';
import { AppController } from '../../../src/renderer/app/controller';
import { ElectronBridgeClient } from '../../../src/renderer/bridge/electron-client';
import { IPC_EVENT_CHANNEL, type BridgeClient, type BridgeEvent } from '../../../src/shared';
import { task, trace as recorded } from '../renderer/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'corelanes-open-'));
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const trace = recorded({ tasks: [task('w0')], segments: [{ taskId: 'w0', startMs: 0, endMs: 50, state: 'running', core: 1, onCpuNs: 5e7, waitNs: 0 }] });

describe('reading the chosen file in the main process', () => {
  it('reads a trace as UTF-8 like the browser\'s File.text(): BOM dropped', async () => {
    expect(await readTraceFile(file('t.json', JSON.stringify(trace)))).toEqual({ ok: true, name: 't.json', text: JSON.stringify(trace) });
    const bom = await readTraceFile(file('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')])));
    expect(bom).toMatchObject({ ok: true, text: '{"a":1}' });
  });

  it('refuses a file over the bound with what to do instead, without reading it whole', async () => {
    const r = await readTraceFile(file('big.json', 'x'.repeat(2048)), 1024);
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.error).toMatch(/^big\.json is bigger than 1 MB.*record a shorter run, or open it from the page in web mode/);
    expect(await readTraceFile(file('edge.json', 'x'.repeat(1024)), 1024)).toMatchObject({ ok: true });
  });

  it('says so for a missing file, a folder, and a FIFO (which would otherwise block forever)', async () => {
    expect(await readTraceFile(join(dir, 'nope.json'))).toEqual({ ok: false, error: 'Could not open nope.json: ENOENT' });
    expect(await readTraceFile(dir)).toMatchObject({ ok: false, error: expect.stringMatching(/is not a file: choose a trace saved by Corelanes/) });
    const fifo = join(dir, 'pipe.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(await readTraceFile(fifo)).toMatchObject({ ok: false, error: expect.stringMatching(/^pipe\.json is not a file/) });
  });
});

/** The page side of the desktop app without Electron: preload API, validating client, controller. */
function page() {
  const listeners = new Set<(event: unknown, ...args: unknown[]) => void>();
  const ipc: IpcRendererLike = { invoke: async () => ({ ok: true, value: null }), on: (_c, l) => void listeners.add(l), removeListener: (_c, l) => void listeners.delete(l) };
  const api = createCorelanesApi(ipc);
  const controller = new AppController(new ElectronBridgeClient(api as unknown as BridgeClient, () => undefined));
  controller.client.subscribe((e) => controller.handle(e));
  const contents: PageLike = {
    isDestroyed: () => false,
    getURL: () => APP_START_URL,
    send: (channel, ...args) => {
      if (channel === IPC_EVENT_CHANNEL) for (const l of listeners) l({}, ...args.map((a) => structuredClone(a)));
    },
  };
  return { controller, send: (event: BridgeEvent) => sendToPage(contents, event) };
}

function dialogChoosing(paths: string[] | null) {
  const asked: OpenDialogOptions[] = [];
  const showOpenDialog = async (options: OpenDialogOptions): Promise<OpenDialogReturnValue> => {
    asked.push(options);
    return { canceled: paths === null, filePaths: paths ?? [] };
  };
  return { showOpenDialog, asked };
}

describe('File ▸ Open Trace… from the menu', () => {
  it('shows the native dialog, and the page opens the file exactly as if it had picked it', async () => {
    const { controller, send } = page();
    const dialog = dialogChoosing([file('run.json', JSON.stringify(trace))]);
    await openTraceFromMenu({ showOpenDialog: dialog.showOpenDialog, send });
    expect(dialog.asked).toEqual([OPEN_TRACE_DIALOG]);
    expect(OPEN_TRACE_DIALOG.properties).toEqual(['openFile']);
    expect(controller.model.segments).toHaveLength(1);
    expect(controller.store.get()).toMatchObject({ status: 'ended', errors: [] });
  });

  it('a file that is not a trace gets the page\'s own sentence; a cancelled dialog does nothing', async () => {
    const { controller, send } = page();
    await openTraceFromMenu({ showOpenDialog: dialogChoosing([file('notes.json', 'hello')]).showOpenDialog, send });
    expect(controller.store.get().errors).toEqual([expect.stringMatching(/^notes\.json: This file is not a Corelanes trace: it is not JSON .*Open a trace saved by Corelanes/)]);
    await openTraceFromMenu({ showOpenDialog: dialogChoosing(null).showOpenDialog, send: () => expect.fail('nothing to send') });
  });

  it('an unreadable file becomes an error banner; a live run is never replaced', async () => {
    const { controller, send } = page();
    await openTraceFromMenu({ showOpenDialog: dialogChoosing([join(dir, 'gone.json')]).showOpenDialog, send });
    expect(controller.store.get().errors).toEqual(['Could not open gone.json: ENOENT']);
    controller.store.update((s) => ({ ...s, status: 'running' }), true);
    await openTraceFromMenu({ showOpenDialog: dialogChoosing([file('again.json', JSON.stringify(trace))]).showOpenDialog, send });
    expect(controller.store.get().errors.at(-1)).toBe('Stop the run first: an opened trace replaces the live view');
    expect(controller.model.segments).toHaveLength(0);
  });
});
