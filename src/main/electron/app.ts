import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, session as electronSession, shell } from 'electron';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { createAppServices, type AppServices } from './app-services';
import { electronEntries } from './entries';
import { registerBridgeIpc, sendMenuAction, type BridgeIpc } from './ipc';
import { sendToPage } from './ipc-wiring';
import { createMainWindow, hardenSession } from './main-window';
import { installMenu } from './menu';
import { aboutDetail } from './menu-template';
import { openTraceFromMenu } from './open-trace';
import { exerciseDirsFromArgv } from '../../shared';
import { chooseExercisesFolder } from './open-exercises';
import { unpackedPath } from './worker-paths';
import { quitWithin } from './quit';
import { createUtilityProcessLauncher } from './utility-launcher';

const log = (line: string): void => console.error(line);

/**
 * The Electron app: one window, one engine, one bridge service, one process
 * launcher (app-services.ts). Quitting, closing the window or a second launch
 * never leaves a worker behind: runs end before the app quits (or are killed
 * at the quit deadline, quit.ts), and utility processes exit on their own when
 * the main process dies (src/workers/runtime/parent-watch.ts).
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
  let services: AppServices | null = null;
  let window: BrowserWindow | null = null;
  let bridgeIpc: BridgeIpc | null = null;
  let shutDown = false;
  // The bundled exercises (next to the worker entries, unpacked), `--exercises DIR`, then folders opened from the menu.
  const exerciseDirs = [unpackedPath(join(mainDir, '..', 'cli', 'exercises')), ...exerciseDirsFromArgv(process.argv)];

  const openWindow = (): void => {
    window = createMainWindow({ preloadPath, autostart: process.env.CORELANES_AUTOSTART === '1', stateFile: join(app.getPath('userData'), 'window-state.json'), log });
    // A (re)loading page gets nothing until it subscribes; then the bridge service replays the current run to it.
    window.webContents.on('did-start-loading', () => bridgeIpc?.detachPage());
    window.on('closed', () => {
      window = null;
      // No window, no run: a run nobody watches would only burn the user's cores.
      void services?.service.invoke('stopRun', {}).catch(() => undefined);
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
    const spillDir = join(app.getPath('userData'), 'spill');
    log(`runs that outgrow memory spill to ${spillDir}`);
    services = createAppServices({ entries: electronEntries(mainDir), launcher: createUtilityProcessLauncher(), log, spillDir, exerciseDirs: () => exerciseDirs });
    bridgeIpc = registerBridgeIpc(services.service, () => window?.webContents ?? null, log);
    installMenu({
      action: (action) => sendMenuAction(window?.webContents ?? null, { type: 'menu', action }),
      command: (command) => {
        if (command === 'quit') app.quit();
        else if (command === 'open-trace') {
          void openTraceFromMenu({
            showOpenDialog: (options) => (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options)),
            send: (event) => sendToPage(window?.webContents ?? null, event),
          }).catch((error: unknown) => log(`app: Open Trace failed: ${String(error)}`));
        } else if (command === 'open-exercises') {
          void chooseExercisesFolder((options) => (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options))).then((dir) => {
            if (dir && !exerciseDirs.includes(dir)) exerciseDirs.push(dir);
            if (dir) services?.service.exercisesChanged?.();
          }, (error: unknown) => log(`app: Open Exercises Folder failed: ${String(error)}`));
        } else if (command === 'docs') void shell.openPath(docsDir());
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

  // End every run and process before quitting, within QUIT_DEADLINE_MS; then exit (no second before-quit).
  app.on('before-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    shutDown = true;
    const current = services;
    void quitWithin({
      cleanup: async () => {
        await current?.service.dispose().catch((e: unknown) => log(`app: ${String(e)}`));
        await current?.engine.dispose().catch((e: unknown) => log(`app: ${String(e)}`));
      },
      killChildren: () => current?.launcher.killAll() ?? 0,
      exit: (code) => app.exit(code),
      log,
    });
  });
}

/** The docs folder: shipped as an extra resource when packaged, the repo's docs/ in development. */
function docsDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'docs') : join(app.getAppPath(), 'docs');
}
