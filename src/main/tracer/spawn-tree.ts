import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { isZombie, processTree } from '../../node/proc/proc-tree';

/** setpriv (util-linux) can give the command PR_SET_PDEATHSIG: it dies with us even if we are SIGKILLed. */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p)) ?? null;

/**
 * Starts the traced command in its own process group (so the whole tree can be
 * signalled at once), with its stdout piped to us and stderr inherited.
 */
export function spawnTraced(argv: string[]): ChildProcess {
  if (argv.length === 0) throw new Error('no command to trace: use `corelanes trace -- <command...>`');
  resolveCommand(argv[0]!);
  const [cmd, args] = SETPRIV && process.platform === 'linux' ? [SETPRIV, ['--pdeathsig', 'KILL', '--', ...argv]] : [argv[0]!, argv.slice(1)];
  return spawn(cmd, args, { stdio: ['inherit', 'pipe', 'inherit'], detached: true });
}

/**
 * Ends the command's whole tree: SIGTERM to its process group and to every
 * descendant found in /proc (some leave the group), then SIGKILL after grace.
 */
export async function killTree(root: number, known: Iterable<number>, graceMs = 1000): Promise<void> {
  const targets = new Set<number>([...processTree(root), ...known]);
  const signalAll = (sig: NodeJS.Signals) => {
    try {
      process.kill(-root, sig);
    } catch {
      /* group gone */
    }
    for (const pid of targets) {
      try {
        process.kill(pid, sig);
      } catch {
        /* gone */
      }
    }
  };
  signalAll('SIGTERM');
  const end = Date.now() + graceMs;
  while (Date.now() < end && [...targets].some(alive)) await new Promise((r) => setTimeout(r, 25));
  if ([...targets].some(alive)) signalAll('SIGKILL');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch {
    return false;
  }
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
