import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { TREE_COOKIE_VAR } from './tree-members';

/** setpriv (util-linux) can give the command PR_SET_PDEATHSIG: it dies with us even if we are SIGKILLed. */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p)) ?? null;

/** The traced command's process (this file alone may import child_process: eslint.config.js, CHILD_PROCESS_ALLOWED). */
export type TracedChild = ChildProcess;

/** What of our environment a traced program does not get: Corelanes', Electron's and npm's own settings (npm's may hold registry credentials). */
const NOT_INHERITED = /^(npm_|ELECTRON_|CORELANES_|NODE_CHANNEL_|NODE_UNIQUE_ID$|INIT_CWD$)/i;

/**
 * The traced program's environment: the user's own (PATH, HOME, LANG, a
 * virtualenv: the program must run as it would in their shell), minus
 * NOT_INHERITED, plus the tree's cookie, which its descendants inherit.
 */
export function tracedEnvironment(env: NodeJS.ProcessEnv, cookie: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && !NOT_INHERITED.test(key)) out[key] = value;
  out[TREE_COOKIE_VAR] = cookie;
  return out;
}

export interface SpawnTracedOptions {
  /** The tree's cookie (TracedTree.cookie). */
  cookie: string;
  /** 'ignore' (the default: a server has no input to give) or 'inherit' (`corelanes trace` in a terminal). */
  stdin?: 'ignore' | 'inherit';
}

/**
 * Starts the traced command in its own session and process group (so the
 * whole group can be signalled at once), with its stdout piped to us and
 * stderr inherited.
 */
export function spawnTraced(argv: string[], options: SpawnTracedOptions): TracedChild {
  if (argv.length === 0) throw new Error('no command to trace: use `corelanes trace -- <command...>`');
  resolveCommand(argv[0]!);
  const [cmd, args] = SETPRIV && process.platform === 'linux' ? [SETPRIV, ['--pdeathsig', 'KILL', '--', ...argv]] : [argv[0]!, argv.slice(1)];
  return spawn(cmd, args, { stdio: [options.stdin ?? 'ignore', 'pipe', 'inherit'], detached: true, env: tracedEnvironment(process.env, options.cookie) });
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The command's file, as the shell would find it; a clear error before anything starts when there is none. */
export function resolveCommand(cmd: string, pathVar: string = process.env.PATH ?? ''): string {
  if (cmd.includes('/')) {
    if (executable(cmd)) return cmd;
    throw new Error(`cannot run ${cmd}: no such executable file`);
  }
  for (const dir of pathVar.split(delimiter).filter(Boolean)) {
    const full = join(dir, cmd);
    if (executable(full)) return full;
  }
  throw new Error(`cannot run ${cmd}: not found on the PATH`);
}
