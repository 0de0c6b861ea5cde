import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerAppRequest } from '../../../src/main/electron/app-protocol-files';
import { aboutDetail, menuActions, menuTemplate } from '../../../src/main/electron/menu-template';
import { isExternalLinkAllowed, isNavigationAllowed, isPermissionAllowed } from '../../../src/main/electron/permissions';
import { DEFAULT_SIZE, restoreWindowState, serializeWindowState } from '../../../src/main/electron/window-state';
import { unpackedPath } from '../../../src/main/electron/worker-paths';
import { MENU_ACTIONS } from '../../../src/shared';

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  it('round-trips saved bounds that are on a screen', () => {
    const text = serializeWindowState({ x: 100, y: 50, width: 1200, height: 700 }, true);
    expect(restoreWindowState(text, screen)).toEqual({ bounds: { x: 100, y: 50, width: 1200, height: 700 }, maximized: true });
  });
  it.each([null, '', '{bad json', '{"x":1}', JSON.stringify({ x: 0, y: 0, width: -5, height: 10 })])('falls back to the default for %j', (text) => {
    expect(restoreWindowState(text, screen)).toEqual({ bounds: DEFAULT_SIZE, maximized: false });
  });
  it('does not open off every screen (a monitor was unplugged)', () => {
    const r = restoreWindowState(serializeWindowState({ x: 3000, y: 100, width: 1000, height: 600 }, false), screen);
    expect(r.bounds.x).toBeUndefined();
    expect(r.bounds.width).toBe(1000);
  });
  it('clamps a window larger than, or hanging off, its screen', () => {
    const r = restoreWindowState(serializeWindowState({ x: 1800, y: -10, width: 2500, height: 900 }, false), screen);
    expect(r.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 900 });
  });
});

describe('menus', () => {
  it.each(['linux', 'darwin', 'win32'] as const)('on %s they send every menu action exactly once, with unique shortcuts', (platform) => {
    const menus = menuTemplate(platform);
    expect(menuActions(menus).sort()).toEqual([...MENU_ACTIONS].sort());
    const accelerators = menus.flatMap((m) => m.items.flatMap((i) => ('accelerator' in i && i.accelerator ? [i.accelerator] : [])));
    expect(new Set(accelerators).size).toBe(accelerators.length);
    expect(menus.map((m) => m.label.replace('&', ''))).toEqual(expect.arrayContaining(['File', 'View', 'Run', 'Help']));
  });
  it('follows platform conventions: app menu and About there on macOS, Quit in File and About in Help elsewhere', () => {
    const mac = menuTemplate('darwin');
    expect(mac[0]!.label).toBe('Corelanes');
    expect(mac[0]!.items).toContainEqual({ kind: 'main', label: 'About Corelanes', command: 'about' });
    const linux = menuTemplate('linux');
    expect(linux[0]!.label).toBe('&File');
    expect(linux[0]!.items.at(-1)).toMatchObject({ command: 'quit', accelerator: 'Ctrl+Q' });
    expect(linux.at(-1)!.items).toContainEqual({ kind: 'main', label: 'About Corelanes', command: 'about' });
  });
  it('About names the Electron, Chromium and Node versions', () => {
    const text = aboutDetail({ app: '0.1.0', electron: '45.5.0', chrome: '142.0.0.0', node: '22.20.0' });
    expect(text).toContain('Electron 45.5.0');
    expect(text).toContain('Chromium 142.0.0.0');
    expect(text).toContain('Node.js 22.20.0');
  });
});

describe('permissions and navigation', () => {
  it('allows only screen capture, only for the app page', () => {
    expect(isPermissionAllowed('display-capture', 'app://corelanes/index.html')).toBe(true);
    expect(isPermissionAllowed('display-capture', 'https://evil.example/')).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'openExternal', 'fullscreen']) {
      expect(isPermissionAllowed(p, 'app://corelanes/index.html')).toBe(false);
    }
  });
  it('keeps navigation inside the app and opens only https links outside', () => {
    expect(isNavigationAllowed('app://corelanes/index.html?autostart=1')).toBe(true);
    expect(isNavigationAllowed('https://example.com/')).toBe(false);
    expect(isNavigationAllowed('file:///etc/passwd')).toBe(false);
    expect(isExternalLinkAllowed('https://perfetto.dev/')).toBe(true);
    for (const url of ['http://example.com/', 'file:///bin/sh', 'javascript:alert(1)', 'smb://host/share', 'nonsense']) expect(isExternalLinkAllowed(url)).toBe(false);
  });
});

describe('app:// files', () => {
  const dir = '/opt/corelanes/out/renderer';
  it('serves the renderer with CSP and cross-origin isolation', () => {
    const a = answerAppRequest(dir, 'app://corelanes/index.html');
    expect(a).toMatchObject({ status: 200, file: `${dir}/index.html` });
    expect(a.headers['Content-Type']).toContain('text/html');
    expect(a.headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(a.headers['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(a.headers['Content-Security-Policy']).toContain("connect-src 'self';");
    expect(answerAppRequest(dir, 'app://corelanes/assets/a.js').headers['Content-Type']).toContain('javascript');
  });
  it('refuses other hosts, escapes and writes', () => {
    expect(answerAppRequest(dir, 'app://other/index.html').status).toBe(404);
    expect(answerAppRequest(dir, 'app://corelanes/..%2f..%2fetc/passwd').status).toBe(400);
    expect(answerAppRequest(dir, 'app://corelanes/index.html', 'POST').status).toBe(405);
  });
});

describe('worker paths', () => {
  it('points into app.asar.unpacked when packaged, unchanged otherwise', () => {
    expect(unpackedPath('/opt/C/resources/app.asar/out/cli/workers/thread.js')).toBe('/opt/C/resources/app.asar.unpacked/out/cli/workers/thread.js');
    expect(unpackedPath('/work/main/out/cli/workers/thread.js')).toBe('/work/main/out/cli/workers/thread.js');
  });
});

describe('pure shell modules', () => {
  it.each(['app-url', 'ipc-handlers', 'window-state', 'menu-template', 'permissions', 'app-protocol-files', 'worker-paths', 'utility-handle', 'ipc-wiring', 'quit', 'tracked-launcher', 'load-failure', 'app-services', 'entries'])(
    'src/main/electron/%s.ts does not import electron (so it is tested here, without the binary)',
    (name) => {
      const source = readFileSync(`src/main/electron/${name}.ts`, 'utf8');
      expect(source).not.toMatch(/from ['"]electron['"]|require\(['"]electron['"]\)/);
    },
  );
  it.each(['menu-items', 'open-trace'])('src/main/electron/%s.ts imports only types from electron (checked against them, run here)', (name) => {
    const source = readFileSync(`src/main/electron/${name}.ts`, 'utf8');
    expect(source).toMatch(/^import type .* from 'electron';$/m);
    expect(source.replace(/^import type .* from 'electron';$/gm, '')).not.toMatch(/['"]electron['"]/);
  });
});
