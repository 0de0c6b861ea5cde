import { z } from 'zod';

/** Printed by the interpreter itself: what it is and whether its GIL is on. */
export const PROBE_CODE = [
  'import json, sys, sysconfig',
  'f = getattr(sys, "_is_gil_enabled", None)',
  'print(json.dumps({"version": sys.version.split()[0], "implementation": sys.implementation.name,',
  ' "executable": sys.executable, "freeThreadedBuild": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),',
  ' "gilEnabled": (f() if f else True)}))',
].join('\n');

export const ProbeSchema = z.object({
  version: z.string().max(64),
  implementation: z.string().max(64),
  executable: z.string().max(4096),
  freeThreadedBuild: z.boolean(),
  gilEnabled: z.boolean(),
});
export type Probe = z.infer<typeof ProbeSchema>;

/** One interpreter as found: usable with its facts, or not with the reason. */
export interface PythonInfo {
  name: string;
  /** Where the name was found on the PATH. */
  path: string;
  available: boolean;
  reason: string | null;
  version: string | null;
  implementation: string | null;
  executable: string | null;
  freeThreadedBuild: boolean | null;
  /** sys._is_gil_enabled(); true on builds that lack it (every GIL build). */
  gilEnabled: boolean | null;
}

/** Turns the probe's stdout/exit into a PythonInfo; never throws. */
export function parseProbe(name: string, path: string, stdout: string, stderr: string, code: number | null): PythonInfo {
  const base = { name, path, version: null, implementation: null, executable: null, freeThreadedBuild: null, gilEnabled: null };
  if (code !== 0) {
    const why = stderr.trim().split('\n')[0] || `exited with code ${code}`;
    return { ...base, available: false, reason: `${name} does not run: ${why.slice(0, 200)}` };
  }
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    const p = ProbeSchema.parse(JSON.parse(line));
    return { ...base, ...p, available: true, reason: null };
  } catch {
    return { ...base, available: false, reason: `${name} printed something that is not the probe's answer` };
  }
}
