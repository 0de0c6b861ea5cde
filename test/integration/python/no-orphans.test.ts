import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/entries';
import { pidsWithEnv, waitAllGone } from '../../support/proc';

describe('no Python process outlives Corelanes', () => {
  for (const kind of ['python-process', 'python-thread']) {
    it(`${kind}: SIGKILL of the host leaves no interpreter or child behind`, async () => {
      const marker = `CORELANES_ORPHAN_TEST=${kind}-${process.pid}-${Date.now()}`;
      const [k, v] = marker.split('=') as [string, string];
      const host = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/fixtures/python/engine-python-run.ts'), kind], {
        cwd: ROOT,
        env: { ...process.env, [k]: v },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the run did not start within 30 s')), 30_000);
        host.stdout!.on('data', (d: Buffer) => {
          if (d.toString().includes('running')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const pythons = pidsWithEnv(marker).filter((p) => p !== host.pid);
      // The interpreter, plus its multiprocessing children for python-process.
      expect(pythons.length).toBeGreaterThanOrEqual(kind === 'python-process' ? 3 : 1);
      host.kill('SIGKILL');
      expect(await waitAllGone(pythons, 5000)).toEqual([]);
    });
  }
});
