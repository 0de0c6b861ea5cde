import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanOldSpills, SPILL_KEEP_DAYS } from '../../../src/main/files/spill-cleanup';
import { spillPath } from '../../../src/main/files/spill-path';

const root = mkdtempSync(join(tmpdir(), 'corelanes-spill-clean-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const DAY_S = 24 * 60 * 60;

describe('spill folders in the app folder', () => {
  it('spillPath makes the missing folder 0700 and a private folder per run in it', () => {
    const dir = join(root, 'userData', 'spill');
    const path = spillPath('run/1', dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(path).toMatch(new RegExp(`^${dir}/corelanes-[^/]+/run_1\\.corelanes\\.jsonl\\.gz$`));
  });

  it(`removes spill folders whose newest file is older than ${SPILL_KEEP_DAYS} days, and nothing else`, () => {
    const dir = join(root, 'clean');
    mkdirSync(dir);
    const now = Date.now();
    const folder = (name: string, ageDays: number) => {
      const f = join(dir, name);
      mkdirSync(f);
      writeFileSync(join(f, 'x.corelanes.jsonl.gz'), 'x');
      const t = (now - ageDays * DAY_S * 1000) / 1000;
      utimesSync(join(f, 'x.corelanes.jsonl.gz'), t, t);
      utimesSync(f, t, t);
    };
    folder('corelanes-old', SPILL_KEEP_DAYS + 1);
    folder('corelanes-recent', SPILL_KEEP_DAYS - 1);
    folder('someone-elses', SPILL_KEEP_DAYS + 30);
    expect(cleanOldSpills(dir, SPILL_KEEP_DAYS, now)).toEqual([join(dir, 'corelanes-old')]);
    expect(readdirSync(dir).sort()).toEqual(['corelanes-recent', 'someone-elses']);
    expect(cleanOldSpills(join(root, 'missing'))).toEqual([]);
  });
});
