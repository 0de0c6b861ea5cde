import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Text safe inside a double-quoted HTML attribute and a JS string: the link is ours, but say so in code. */
const htmlAttr = (text: string): string => text.replace(/[&"<>'\\]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Opens `url` (which holds a token) in the default browser without putting it
 * in another process's argv: /proc/<pid>/cmdline of xdg-open and of the
 * browser is readable by every user of the machine. The URL goes into an
 * HTML file only we can read (0600, in a 0700 folder), the browser is given
 * that file's path, and the file sends it on. The folder is removed when web
 * mode stops (the returned function).
 */
export function openInBrowser(url: string, log: (line: string) => void): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'corelanes-open-'));
  const file = join(dir, 'open-corelanes.html');
  const target = htmlAttr(url);
  writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">` +
      `<meta http-equiv="refresh" content="0;url=${target}"><title>Corelanes</title><a href="${target}">Open Corelanes</a>\n`,
    { mode: 0o600 },
  );
  const [cmd, args] = process.platform === 'darwin' ? ['open', [file]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', file]] : ['xdg-open', [file]];
  const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => log(`corelanes web: could not open a browser; open the link above yourself`));
  child.unref();
  return () => rmSync(dir, { recursive: true, force: true });
}
