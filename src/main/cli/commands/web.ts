import { spawn } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { createEngine, createNodeForkLauncher } from '../../engine';
import { startWebMode, urlHost } from '../../web';
import { builtEntryPaths, missingEntries } from '../built-entries';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('must be a whole number from 0 to 65535 (0 picks a free port)');
  return port;
}

function parseHost(value: string): string {
  if (!/^[A-Za-z0-9.:[\]-]{1,255}$/.test(value)) throw new InvalidArgumentError('must be a host name or an IP address');
  return value.replace(/^\[(.*)\]$/, '$1');
}

/** Addresses other machines can reach when bound to every interface (workshop use). */
function lanUrls(port: number): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && a.family === 'IPv4')
    .map((a) => `http://${a!.address}:${port}/`);
}

function openInBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => console.error(`corelanes web: could not open a browser; open ${url} yourself`));
  child.unref();
}

/** `corelanes web [--port N] [--host H] [--open]`: the renderer and the live engine for a browser. */
export function webCommand(): Command {
  return new Command('web')
    .description('serve the Corelanes app to a browser: the renderer over HTTP and the live engine over a WebSocket')
    .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, 8085)
    .option('--host <host>', 'address to bind; 0.0.0.0 lets other machines (workshop participants) follow this one', parseHost, '127.0.0.1')
    .option('--open', 'open the URL in the default browser')
    .addHelpText(
      'after',
      '\nBinds loopback by default. Only pages served by this server may use its WebSocket (Origin check).\n' +
        '"Run my own program" (trace any command from the page) works only while bound to loopback; with --host\n' +
        'anything else, anyone who can reach the port could run programs on this machine, so it is refused.\n' +
        'Stops on Ctrl-C (SIGINT), SIGTERM or SIGHUP, ending every run first. See docs/web-mode.md.',
    )
    .action(async (opts: { port: number; host: string; open?: boolean }) => {
      const entries = builtEntryPaths();
      const missing = missingEntries(entries);
      if (missing) {
        console.error(`corelanes web: ${missing}`);
        process.exitCode = 1;
        return;
      }
      // out/cli/workers/thread.js -> out/renderer
      const rendererDir = resolve(dirname(entries.thread), '..', '..', 'renderer');
      const engine = createEngine({ entries, launcher: createNodeForkLauncher() });
      let mode;
      try {
        mode = await startWebMode({ engine, port: opts.port, host: opts.host, rendererDir, presetExtras: { threadEntry: entries.thread }, samplerEntry: entries.sampler, log: (line) => console.error(line) });
      } catch (error) {
        await engine.dispose();
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'EADDRINUSE' ? `port ${opts.port} is already in use (try --port 0)` : code === 'EADDRNOTAVAIL' ? `${opts.host} is not an address of this machine` : String((error as Error).message ?? error);
        console.error(`corelanes web: cannot listen on ${urlHost(opts.host)}:${opts.port}: ${why}`);
        process.exitCode = 1;
        return;
      }
      const { server } = mode;
      console.log(`Corelanes web: ${server.url}`);
      if (opts.host === '0.0.0.0' || opts.host === '::') for (const url of lanUrls(server.port)) console.log(`  on the network: ${url}`);
      if (opts.open) openInBrowser(server.url);

      await new Promise<void>((done) => {
        let stoppingSince = 0;
        const stop = (signal: NodeJS.Signals) => {
          // Ctrl-C under `npm start` reaches us twice (the terminal's process group, and npm start forwarding it):
          // only a second signal a moment later means "exit now".
          if (stoppingSince && Date.now() - stoppingSince < 1000) return;
          if (stoppingSince) {
            console.error(`corelanes web: ${signal} again, exiting now`);
            process.exit(1);
          }
          stoppingSince = Date.now();
          console.error(`corelanes web: ${signal}, ending every run and stopping`);
          void mode.close().then(done, (error: unknown) => {
            console.error(`corelanes web: shutdown failed: ${String(error)}`);
            process.exitCode = 1;
            done();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
        process.on('SIGHUP', stop); // the terminal was closed
      });
      // Everything is closed; if a stray handle still holds the loop, do not hang the terminal.
      setTimeout(() => process.exit(), 2000).unref();
    });
}
