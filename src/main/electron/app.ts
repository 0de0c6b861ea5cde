import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, session as electronSession, shell } from 'electron';
import type { BridgeService } from '../../shared';
import { createBridgeService } from '../bridge';
import { createEngine, type Engine } from '../engine';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { electronEntries } from './entries';
import { registerBridgeIpc, sendMenuAction, type BridgeIpc } from './ipc';
import { createMainWindow, hardenSession } from './main-window';
import { installMenu } from './menu';
import { aboutDetail } from './menu-template';
import { createUtilityProcessLauncher } from './utility-launcher';

const log = (line: string): void => console.error(line);

/**
 * The Electron app: one window, one engine, one bridge service. Quitting,
 * closing the window or a second launch never leaves a worker behind: runs end
 * before the app quits, and utility processes exit on their own when the
 * main process dies (their parent port closes).
 */
export function startApp(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  app.enableSandbox();

  const mainDir = import.meta.dirname;
  const rendererDir = join(mainDir, '..', 'renderer');
  const preloadPath = join(mainDir, '..', 'preload', 'index.cjs');
  let engine: Engine | null = null;
  let service: BridgeService | null = null;
  let window: BrowserWindow | null = null;
  let bridgeIpc: BridgeIpc | null = null;
  let shutDown = false;

  const openWindow = (): void => {
    window = createMainWindow({ preloadPath, autostart: process.env.CORELANES_AUTOSTART === '1', stateFile: join(app.getPath('userData'), 'window-state.json'), log });
    // A (re)loading page gets nothing until it subscribes; then the bridge service replays the current run to it.
    window.webContents.on('did-start-loading', () => bridgeIpc?.detachPage());
    window.on('closed', () => {
      window = null;
      // No window, no run: a run nobody watches would only burn the user's cores.
      void service?.invoke('stopRun', {}).catch(() => undefined);
    });
  };

  app.on('second-instance', () => {
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    // Belt and braces for any contents (devtools excepted): no new windows, no webviews.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });

  app.on('child-process-gone', (_event, details) => {
    if (details.type === 'Utility' && details.reason !== 'clean-exit') log(`app: ${details.name ?? 'utility process'} ended: ${details.reason} (${details.exitCode})`);
  });

  void app.whenReady().then(() => {
    if (!existsSync(join(rendererDir, 'index.html'))) log(`app: no renderer in ${rendererDir}; run "npm run build"`);
    serveAppScheme(rendererDir, log);
    hardenSession(electronSession.defaultSession, () => window, log);
    const entries = electronEntries(mainDir);
    engine = createEngine({ entries, launcher: createUtilityProcessLauncher() });
    // The window shows only the app's own page, so it may run the user's own program (traceCommand).
    service = createBridgeService({ engine, presetExtras: { threadEntry: entries.thread }, log, allowTraceCommand: true, samplerEntry: entries.sampler });
    bridgeIpc = registerBridgeIpc(service, () => window?.webContents ?? null, log);
    installMenu({
      action: (action) => sendMenuAction(window?.webContents ?? null, { type: 'menu', action }),
      command: (command) => {
        if (command === 'quit') app.quit();
        else if (command === 'docs') void shell.openPath(docsDir());
        else void dialog.showMessageBox({
          type: 'info',
          title: 'About Corelanes',
          message: 'Corelanes',
          detail: aboutDetail({ app: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node, v8: process.versions.v8 }),
        });
      },
    });
    openWindow();
    app.on('activate', () => {
      if (!window) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // End every run and process before quitting; quit again once they are gone.
  app.on('before-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    shutDown = true;
    const svc = service;
    const eng = engine;
    void (async () => {
      await svc?.dispose().catch((e: unknown) => log(`app: ${String(e)}`));
      await eng?.dispose().catch((e: unknown) => log(`app: ${String(e)}`));
      app.quit();
    })();
  });
}

/** The docs folder: shipped as an extra resource when packaged, the repo's docs/ in development. */
function docsDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'docs') : join(app.getAppPath(), 'docs');
}
