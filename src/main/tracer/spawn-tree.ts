import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
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
  /** The working directory: relative paths in argv resolve against it (default: ours). */
  cwd?: string;
}

/**
 * Starts the traced command in its own session and process group (so the
 * whole group can be signalled at once), in `cwd`, with its stdout and stderr
 * piped to us (their tails go into the trace).
 */
export function spawnTraced(argv: string[], options: SpawnTracedOptions): TracedChild {
  if (argv.length === 0) throw new Error('no command to trace: use `corelanes trace -- <command...>`');
  const cwd = workingDirectory(options.cwd);
  // setpriv finds a relative program from its own cwd, which is the program's: pass the resolved path.
  const found = resolveCommand(argv[0]!, process.env.PATH ?? '', cwd);
  const program = argv[0]!.includes('/') ? found : argv[0]!;
  const full = [program, ...argv.slice(1)];
  const [cmd, args] = SETPRIV && process.platform === 'linux' ? [SETPRIV, ['--pdeathsig', 'KILL', '--', ...full]] : [program, full.slice(1)];
  return spawn(cmd, args, { cwd, stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'], detached: true, env: tracedEnvironment(process.env, options.cookie) });
}

/** The directory a command runs in: `cwd` (absolute, or relative to ours) or ours; a clear error when it is not a directory. */
export function workingDirectory(cwd: string | undefined): string {
  const dir = resolve(cwd ?? process.cwd());
  let ok = false;
  try {
    ok = statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new Error(`the working directory ${dir} does not exist: pick an existing folder, or leave it empty for ${process.cwd()}`);
  return dir;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The command's file, as the shell would find it (a name with a slash from
 * `cwd`, else on the PATH); before anything starts, an error that says what
 * to do when there is none.
 */
export function resolveCommand(cmd: string, pathVar: string = process.env.PATH ?? '', cwd: string = process.cwd()): string {
  if (cmd.includes('/')) {
    const full = resolve(cwd, cmd);
    if (executable(full)) return full;
    if (isFile(full)) throw new Error(`cannot run ${cmd}: ${full} is not executable. Make it executable (chmod +x ${cmd}) or run it with its interpreter, e.g. python3 ${cmd}`);
    throw new Error(`cannot run ${cmd}: there is no file ${full}. Relative paths start from the working directory ${cwd}: change it, or give the full path`);
  }
  for (const dir of pathVar.split(delimiter).filter(Boolean)) {
    const full = join(dir, cmd);
    if (executable(full)) return full;
  }
  const here = resolve(cwd, cmd);
  const hint = isFile(here) ? `; to run the file ${here}, write ./${cmd}` : '; check the spelling, or give the program\'s full path';
  throw new Error(`cannot run ${cmd}: not found on the PATH${hint}`);
}
