import { describe, expect, it } from 'vitest';
import { decideExitReason, describeExit, isCrash, type ExitContext } from '../../../src/main/engine/session/exit-reason';

const ctx = (over: Partial<ExitContext> = {}): ExitContext => ({ killedAsHung: false, removed: false, stoppedByUser: false, saidDone: false, reportedError: null, ...over });
const clean = { code: 0, signal: null, error: null };

describe('decideExitReason', () => {
  it('a clean done is finished, stopped or removed by who asked', () => {
    expect(decideExitReason(clean, ctx({ saidDone: true }))).toBe('finished');
    expect(decideExitReason(clean, ctx({ saidDone: true, stoppedByUser: true }))).toBe('stopped');
    expect(decideExitReason(clean, ctx({ saidDone: true, removed: true, stoppedByUser: true }))).toBe('removed');
  });

  it('a worker the watchdog killed is hung, whatever its exit looks like', () => {
    expect(decideExitReason({ code: null, signal: 'SIGKILL', error: null }, ctx({ killedAsHung: true }))).toBe('hung');
    expect(decideExitReason({ code: 1, signal: null, error: null }, ctx({ killedAsHung: true }))).toBe('hung');
  });

  it('an uncaught error is a crash, reported by the thread runtime or by the process itself', () => {
    expect(decideExitReason({ code: 1, signal: null, error: 'Error: boom' }, ctx())).toBe('crashed');
    expect(decideExitReason({ code: 1, signal: null, error: null }, ctx({ reportedError: 'boom' }))).toBe('crashed');
  });

  it('process.exit without done is exited; a signal nobody asked for is killed', () => {
    expect(decideExitReason({ code: 3, signal: null, error: null }, ctx())).toBe('exited');
    expect(decideExitReason({ code: 0, signal: null, error: null }, ctx())).toBe('exited');
    expect(decideExitReason({ code: null, signal: 'SIGKILL', error: null }, ctx())).toBe('killed');
    expect(decideExitReason({ code: null, signal: 'SIGABRT', error: null }, ctx({ saidDone: true }))).toBe('killed');
  });

  it('crash kinds are the abnormal ends', () => {
    expect(['crashed', 'hung', 'killed', 'lost'].every((r) => isCrash(r as never))).toBe(true);
    expect(['finished', 'stopped', 'removed', 'exited'].some((r) => isCrash(r as never))).toBe(false);
  });

  it('describes the exit in one line', () => {
    expect(describeExit({ code: 3, signal: null, error: null }, 'exited', null)).toBe('exited (exit code 3)');
    expect(describeExit({ code: null, signal: 'SIGKILL', error: null }, 'hung', null)).toBe('hung (signal SIGKILL)');
    expect(describeExit({ code: 1, signal: null, error: 'Error: x' }, 'crashed', null)).toBe('crashed (exit code 1): Error: x');
  });
});
