import { afterAll, beforeAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');

export interface WebServer {
  /** http://127.0.0.1:PORT/ (no token). */
  url: string;
  /** The tokens from the two links it printed. */
  token: string;
  viewerToken: string;
  /** The printed leader link (url#token=…). */
  leaderUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the real `corelanes web --port 0` (built into out/cli) and waits for the two links it prints. */
export async function startWebServer(timeoutMs = 30_000, args: readonly string[] = []): Promise<WebServer> {
  const cli = join(repoRoot, 'out', 'cli', 'corelanes.js');
  if (!existsSync(cli) || !existsSync(join(repoRoot, 'out', 'renderer', 'index.html'))) {
    throw new Error('Build first: npm run build (out/cli/corelanes.js and out/renderer are missing).');
  }
  const child = spawn(process.execPath, [cli, 'web', '--port', '0', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const links = await new Promise<{ url: string; token: string; viewerToken: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`corelanes web printed no URL in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (b: Buffer) => {
      output += b.toString();
      const leader = /Corelanes web: (http:\/\/\S+?\/)#token=([\w-]+)/.exec(output);
      const viewer = /viewer link[^\n]*#token=([\w-]+)/.exec(output);
      if (leader && viewer) {
        clearTimeout(timer);
        resolve({ url: leader[1]!, token: leader[2]!, viewerToken: viewer[1]! });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`corelanes web exited (${code}) before printing its URL:\n${output}`));
    });
  });
  return {
    ...links,
    leaderUrl: `${links.url}#token=${links.token}`,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * One `corelanes web` for the calling test file: started before its tests,
 * stopped after them. The result serves as the page's server (url, tokens).
 */
export function webServerForFile(): { readonly url: string; readonly token: string; readonly viewerToken: string; readonly current: WebServer } {
  let server: WebServer | undefined;
  beforeAll(async () => {
    server = await startWebServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  const started = (): WebServer => {
    if (!server) throw new Error('corelanes web has not started (webServerForFile registers beforeAll in its describe file)');
    return server;
  };
  return {
    get url() {
      return started().url;
    },
    get token() {
      return started().token;
    },
    get viewerToken() {
      return started().viewerToken;
    },
    get current() {
      return started();
    },
  };
}
