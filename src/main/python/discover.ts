import { execFile } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PYTHON_NAME, sortPythonNames } from './candidates';
import { PROBE_CODE, parseProbe, type PythonInfo } from './probe';

/** Names on the PATH that look like CPython 3 interpreters, first hit of each name wins (as a shell would). */
export function pythonsOnPath(pathVar: string = process.env.PATH ?? ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const dir of pathVar.split(delimiter).filter(Boolean)) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!PYTHON_NAME.test(name) || found.has(name)) continue;
      const full = join(dir, name);
      try {
        accessSync(full, constants.X_OK);
        found.set(name, full);
      } catch {
        /* not executable */
      }
    }
  }
  return found;
}

/** A probe gets this long: an interpreter behind a shim (pyenv, asdf) on a saturated machine takes seconds to start. */
const PROBE_TIMEOUT_MS = 10_000;
/** Probes at once: each pyenv shim is a chain of shell scripts, and nine at once swamp a 2-core machine. */
const PROBE_CONCURRENCY = 2;

/** Runs the probe in one interpreter (10 s at most). */
export function probePython(name: string, path: string): Promise<PythonInfo & { timedOut: boolean }> {
  return new Promise((resolve) => {
    execFile(path, ['-c', PROBE_CODE], { timeout: PROBE_TIMEOUT_MS, maxBuffer: 64 * 1024 }, (err, stdout, stderr) => {
      const timedOut = err?.killed === true && err.signal === 'SIGTERM';
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      const why = timedOut ? `did not answer within ${PROBE_TIMEOUT_MS / 1000} s (is the machine very busy?)` : String(stderr || err?.message || '');
      resolve({ ...parseProbe(name, path, String(stdout), why, code), timedOut });
    });
  });
}

/** Maps with at most `limit` calls in flight; results in input order. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/** One probe per name for the process; a probe that timed out says nothing about the interpreter and is asked again. */
const probes = new Map<string, Promise<PythonInfo>>();

function probeCached(name: string, path: string, fresh: boolean): Promise<PythonInfo> {
  const hit = probes.get(name);
  if (hit && !fresh) return hit;
  const probing = probePython(name, path).then(({ timedOut, ...info }) => {
    if (timedOut) probes.delete(name);
    return info;
  });
  probes.set(name, probing);
  return probing;
}

/** Every interpreter on the PATH, probed (cached for the process; `fresh` re-probes). */
export function discoverPythons(fresh = false): Promise<PythonInfo[]> {
  const onPath = pythonsOnPath();
  return mapLimited(sortPythonNames(onPath.keys()), PROBE_CONCURRENCY, (n) => probeCached(n, onPath.get(n)!, fresh));
}

/** The named interpreter, or why it cannot be used. */
export async function findPython(name: string): Promise<PythonInfo> {
  const onPath = pythonsOnPath();
  const path = onPath.get(name);
  // Only this name is probed: each other name on the PATH may be a slow shim (pyenv) the caller does not need.
  if (path) return probeCached(name, path, false);
  const all = sortPythonNames(onPath.keys());
  return {
    name,
    path: '',
    available: false,
    reason: all.length === 0 ? 'no python3 on the PATH' : `${name} is not on the PATH (found: ${all.join(', ')})`,
    version: null,
    implementation: null,
    executable: null,
    freeThreadedBuild: null,
    gilEnabled: null,
  };
}
