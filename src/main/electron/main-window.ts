import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, desktopCapturer, screen, shell, type Session } from 'electron';
import { APP_START_URL } from './app-url';
import { loadFailureAction } from './load-failure';
import { isExternalLinkAllowed, isNavigationAllowed, isPermissionAllowed } from './permissions';
import { MIN_SIZE, restoreWindowState, serializeWindowState } from './window-state';

export interface MainWindowOptions {
  preloadPath: string;
  /** npm start opens the app on the default scenario (CORELANES_AUTOSTART=1 → ?autostart=1). */
  autostart: boolean;
  stateFile: string;
  log: (line: string) => void;
}

function readState(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The one window, hardened: sandboxed renderer with context isolation and no
 * Node, loaded from app://corelanes/, no navigation away and no new windows,
 * size and position remembered.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const restored = restoreWindowState(readState(options.stateFile), screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...restored.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Corelanes',
    backgroundColor: '#111318',
    webPreferences: {
      preload: options.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click must not open links in new windows (they are denied anyway; this removes the path).
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  if (restored.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  const contents = win.webContents;
  // 'ready-to-show' never comes for a page that failed to load: show the window anyway and say why.
  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    const action = loadFailureAction({ errorCode, errorDescription, validatedURL, isMainFrame });
    if (!action) return;
    options.log(action.log);
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  });
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url)) {
      event.preventDefault();
      options.log(`window: blocked navigation to ${url.slice(0, 200)}`);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // A link to the docs opens in the user's browser; nothing opens inside the app.
    if (isExternalLinkAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });

  // A crashed page is reloaded (it gets the current run replayed), at most 3 times a minute, so a crash loop stops.
  let reloads: number[] = [];
  contents.on('render-process-gone', (_event, details) => {
    options.log(`window: the page's process ended (${details.reason}, exit code ${details.exitCode})`);
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    const now = Date.now();
    reloads = [...reloads.filter((t) => now - t < 60_000), now];
    if (reloads.length <= 3) contents.reload();
  });

  win.on('close', () => {
    try {
      writeFileSync(options.stateFile, serializeWindowState(win.getNormalBounds(), win.isMaximized()));
    } catch (error) {
      options.log(`window: could not save its size and position: ${String(error)}`);
    }
  });

  void win.loadURL(options.autostart ? `${APP_START_URL}?autostart=1` : APP_START_URL);
  return win;
}

/** Permissions of the app's session: deny all but capturing the app's own window. */
export function hardenSession(session: Session, ownWindow: () => BrowserWindow | null, log: (line: string) => void): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl);
    if (!allowed) log(`permission: denied ${permission}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  session.setDisplayMediaRequestHandler(async (request, callback) => {
    const win = ownWindow();
    if (!win || !isPermissionAllowed('display-capture', request.securityOrigin ?? request.frame?.url)) return callback(null);
    const sources = await desktopCapturer.getSources({ types: ['window'] });
    const own = sources.find((s) => s.id === win.getMediaSourceId());
    callback(own ? { video: own } : null);
  });
  session.on('will-download', (_event, item) => {
    // Saving a trace or an export from the page: always ask where, never write silently.
    item.setSaveDialogOptions({ title: 'Save', defaultPath: join(app.getPath('downloads'), item.getFilename()) });
  });
}
