import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI_BUNDLE } from '../../support/entries';

describe('corelanes pythons', () => {
  it('--json lists python3 with its version and GIL status, and unusable names with the reason', () => {
    const r = spawnSync('node', [CLI_BUNDLE, 'pythons', '--json'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; available: boolean; version: string | null; gilEnabled: boolean | null; reason: string | null }[];
    const py = list.find((p) => p.name === 'python3')!;
    expect(py).toMatchObject({ available: true, reason: null });
    expect(py.version).toMatch(/^3\./);
    expect(typeof py.gilEnabled).toBe('boolean');
    for (const p of list.filter((x) => !x.available)) expect(p.reason).toMatch(/\S/);
  });

  it('without python on the PATH it says the kinds are unavailable', () => {
    const r = spawnSync(process.execPath, [CLI_BUNDLE, 'pythons'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, PATH: '/nonexistent' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/No python3 on the PATH: the python-thread and python-process kinds are unavailable/);
  });
});
