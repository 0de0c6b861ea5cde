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
const PROBE_TIMEOUT_MS = 20_000;

/** Runs the probe in one interpreter (20 s at most). */
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

let cached: Promise<PythonInfo[]> | null = null;

/** Every interpreter on the PATH, probed (cached for the process; `fresh` re-probes). */
export function discoverPythons(fresh = false): Promise<PythonInfo[]> {
  if (!cached || fresh) {
    const onPath = pythonsOnPath();
    const probing = Promise.all(sortPythonNames(onPath.keys()).map((n) => probePython(n, onPath.get(n)!)));
    cached = probing.then((all) => all.map(({ timedOut: _, ...info }) => info));
    // A probe that timed out says nothing about the interpreter: ask again next time.
    void probing.then((all) => {
      if (all.some((p) => p.timedOut)) cached = null;
    });
  }
  return cached;
}

/** The named interpreter, or why it cannot be used. */
export async function findPython(name: string): Promise<PythonInfo> {
  const all = await discoverPythons();
  const hit = all.find((p) => p.name === name);
  if (hit) return hit;
  return {
    name,
    path: '',
    available: false,
    reason: all.length === 0 ? 'no python3 on the PATH' : `${name} is not on the PATH (found: ${all.map((p) => p.name).join(', ')})`,
    version: null,
    implementation: null,
    executable: null,
    freeThreadedBuild: null,
    gilEnabled: null,
  };
}
