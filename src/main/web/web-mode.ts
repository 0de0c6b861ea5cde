import type { Engine } from '../engine/session-api';
import { createBridgeService } from '../bridge';
import type { Preset } from '../presets';
import type { PresetExtras } from '../bridge';
import { isLoopbackHost } from './loopback';
import { DEFAULT_WEB_HOST, startWebServer, type WebServer, type WebServerOptions } from './server';

export interface WebModeOptions {
  engine: Engine;
  port: number;
  host?: string;
  rendererDir: string;
  presets?: readonly Preset[];
  presetExtras?: PresetExtras;
  /** The built sampler entry; with it, and bound to loopback only, the page may trace a program of its choice. */
  samplerEntry?: string;
  log?: (line: string) => void;
  /** The exercise folders offered to the page (the bundled set, a leader's --exercises). */
  exerciseDirs?: readonly string[];
  /** Passed to the server: tests give fixed tokens or a short heartbeat. */
  tokens?: WebServerOptions['tokens'];
  heartbeatMs?: number;
}

export interface WebMode {
  readonly server: WebServer;
  /** Ends every run (so no worker outlives web mode), closes the sockets, then disposes the engine. */
  close(): Promise<void>;
}

/** Engine + bridge service + HTTP/WebSocket server, shut down in the order that leaves no orphan. */
export async function startWebMode(options: WebModeOptions): Promise<WebMode> {
  // Running a program of the page's choice needs the leader token (the service's access table) and,
  // on top, a server nobody but this machine can reach: a leaked link on a LAN must not run programs.
  const allowTraceCommand = options.samplerEntry !== undefined && isLoopbackHost(options.host ?? DEFAULT_WEB_HOST);
  const service = createBridgeService({
    engine: options.engine,
    presets: options.presets,
    presetExtras: options.presetExtras,
    log: options.log,
    allowTraceCommand,
    samplerEntry: options.samplerEntry,
    exerciseDirs: () => options.exerciseDirs ?? [],
  });
  let server: WebServer;
  try {
    server = await startWebServer({
      port: options.port,
      host: options.host,
      service,
      rendererDir: options.rendererDir,
      log: options.log,
      tokens: options.tokens,
      heartbeatMs: options.heartbeatMs,
    });
  } catch (error) {
    await service.dispose();
    throw error;
  }
  let closing: Promise<void> | null = null;
  return {
    server,
    close: () =>
      (closing ??= (async () => {
        await service.dispose(); // stops the run; its run-ended still reaches the browsers
        await server.close();
        await options.engine.dispose();
      })()),
  };
}
