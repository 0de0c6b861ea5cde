import { describe, expect, it } from 'vitest';
import { noAddonRefusal, refusalFor } from '../../../src/node/switch-records';

describe('refusalFor', () => {
  it.each([3, 4])('says a refused open at perf_event_paranoid %i is not allowed, and what enables it', (level) => {
    const r = refusalFor('open', 'EACCES', level);
    expect(r).toMatchObject({ reason: 'not-allowed', errno: 'EACCES' });
    expect(r.message).toContain(`kernel.perf_event_paranoid = ${level}`);
    expect(r.enable).toContain('sysctl kernel.perf_event_paranoid=2');
    expect(r.enable).toContain('CAP_PERFMON');
  });

  it('blames a seccomp profile or security module when the level would allow it', () => {
    const r = refusalFor('open', 'EPERM', 2);
    expect(r.reason).toBe('not-allowed');
    expect(r.message).toMatch(/seccomp|security module/);
    expect(r.enable).toContain('seccomp');
  });

  it('says a refused ring mapping is the locked-memory budget', () => {
    const r = refusalFor('mmap', 'EPERM', 2);
    expect(r.reason).toBe('resources');
    expect(r.enable).toContain('perf_event_mlock_kb');
  });

  it.each(['ENOSYS', 'ENOENT', 'EOPNOTSUPP', 'EINVAL'])('says %s means the kernel lacks switch records', (errno) => {
    expect(refusalFor('open', errno, null)).toMatchObject({ reason: 'unsupported', errno, enable: expect.stringContaining('CONFIG_PERF_EVENTS') });
  });

  it('names file-descriptor exhaustion and anything else by its errno', () => {
    expect(refusalFor('open', 'EMFILE', 2)).toMatchObject({ reason: 'resources', enable: expect.stringContaining('ulimit -n') });
    expect(refusalFor('open', 'EIO', 2)).toEqual({ reason: 'failed', errno: 'EIO', message: 'perf_event_open failed (EIO)', enable: null });
  });

  it('says how to build a missing addon', () => {
    expect(noAddonRefusal('Cannot find module')).toMatchObject({ reason: 'no-addon', enable: expect.stringContaining('npm rebuild corelanes-switch-records') });
  });
});
