import { networkInterfaces } from 'node:os';
import { dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { createEngine, createNodeForkLauncher } from '../../engine';
import { installFatalHandler, linkWithToken, openInBrowser, startWebMode, urlHost } from '../../web';
import { builtEntryPaths, missingEntries } from '../built-entries';
import { exerciseDirs } from '../exercises/exercise-dirs';

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

/** `corelanes web [--port N] [--host H] [--open]`: the renderer and the live engine for a browser. */
export function webCommand(): Command {
  return new Command('web')
    .description('serve the Corelanes app to a browser: the renderer over HTTP and the live engine over a WebSocket')
    .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, 8085)
    .option('--host <host>', 'address to bind; 0.0.0.0 lets other machines (workshop participants) follow this one', parseHost, '127.0.0.1')
    .option('--open', 'open the URL in the default browser')
    .option('--exercises <dir...>', 'also offer a folder of your own workshop exercises (*.md) in the Exercises panel; repeatable')
    .addHelpText(
      'after',
      '\nBinds loopback by default. Prints two links with per-launch tokens: the leader link drives the engine, the\n' +
        'viewer link (for workshop participants) only watches. Without a token the WebSocket refuses (401), and only\n' +
        'pages served by this server may use it (Origin check).\n' +
        '"Run my own program" (trace any command from the page) works only while bound to loopback; with --host\n' +
        'anything else, anyone who can reach the port could run programs on this machine, so it is refused.\n' +
        'Stops on Ctrl-C (SIGINT), SIGTERM or SIGHUP, ending every run first. See docs/web-mode.md.',
    )
    .action(async (opts: { port: number; host: string; open?: boolean; exercises?: string[] }) => {
      const entries = builtEntryPaths();
      const missing = missingEntries(entries);
      if (missing) {
        console.error(`corelanes web: ${missing}`);
        process.exitCode = 1;
        return;
      }
      // out/cli/workers/thread.js -> out/renderer
      const rendererDir = resolve(dirname(entries.thread), '..', '..', 'renderer');
      const launcher = createNodeForkLauncher();
      const engine = createEngine({ entries, launcher });
      let mode;
      try {
        mode = await startWebMode({ engine, port: opts.port, host: opts.host, rendererDir, presetExtras: { threadEntry: entries.thread, launcher }, samplerEntry: entries.sampler, exerciseDirs: exerciseDirs(undefined, opts.exercises), log: (line) => console.error(line) });
      } catch (error) {
        await engine.dispose();
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'EADDRINUSE' ? `port ${opts.port} is already in use (try --port 0)` : code === 'EADDRNOTAVAIL' ? `${opts.host} is not an address of this machine` : String((error as Error).message ?? error);
        console.error(`corelanes web: cannot listen on ${urlHost(opts.host)}:${opts.port}: ${why}`);
        process.exitCode = 1;
        return;
      }
      const { server } = mode;
      const log = (line: string) => console.error(line);
      installFatalHandler({ shutdown: () => mode.close(), log });
      // The links carry the tokens in their fragment (#token=…), which a browser never sends to a server.
      console.log(`Corelanes web: ${server.leaderUrl}`);
      console.log(`  viewer link (watches, cannot start, stop or run): ${server.viewerUrl}`);
      if (opts.host === '0.0.0.0' || opts.host === '::') for (const url of lanUrls(server.port)) console.log(`  on the network, for participants: ${linkWithToken(url, server.tokens.viewer)}`);
      const removeOpener = opts.open ? openInBrowser(server.leaderUrl, log) : () => undefined;
      process.once('exit', removeOpener);

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
