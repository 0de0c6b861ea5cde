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

/** Runs the probe in one interpreter (5 s at most). */
export function probePython(name: string, path: string): Promise<PythonInfo> {
  return new Promise((resolve) => {
    execFile(path, ['-c', PROBE_CODE], { timeout: 5000, maxBuffer: 64 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve(parseProbe(name, path, String(stdout), String(stderr || err?.message || ''), code));
    });
  });
}

let cached: Promise<PythonInfo[]> | null = null;

/** Every interpreter on the PATH, probed (cached for the process; `fresh` re-probes). */
export function discoverPythons(fresh = false): Promise<PythonInfo[]> {
  if (!cached || fresh) {
    const onPath = pythonsOnPath();
    cached = Promise.all(sortPythonNames(onPath.keys()).map((n) => probePython(n, onPath.get(n)!)));
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
