import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { wrapUtilityChild } from '../../../src/main/electron/utility-handle';

class FakeUtility extends EventEmitter {
  pid: number | undefined = 4242;
  stderr: PassThrough | null = null;
  posted: unknown[] = [];
  kills = 0;
  postMessage(message: unknown): void {
    if (this.pid === undefined) throw new Error('process is gone');
    this.posted.push(message);
  }
  kill(): boolean {
    this.kills++;
    return true;
  }
}

describe('utility process handle', () => {
  it('passes messages both ways and removes listeners', () => {
    const child = new FakeUtility();
    const handle = wrapUtilityChild(child);
    expect(handle.pid).toBe(4242);
    handle.postMessage({ type: 'stop' });
    expect(child.posted).toEqual([{ type: 'stop' }]);
    const got: unknown[] = [];
    const off = handle.onMessage((m) => got.push(m));
    child.emit('message', { type: 'hello' });
    off();
    child.emit('message', { type: 'late' });
    expect(got).toEqual([{ type: 'hello' }]);
    expect(child.listenerCount('message')).toBe(0);
  });

  it('reports exit once, with the code and no signal, and then neither posts nor kills', () => {
    const child = new FakeUtility();
    const handle = wrapUtilityChild(child);
    const exits: unknown[] = [];
    handle.onExit((code, signal) => exits.push([code, signal]));
    const off = handle.onExit(() => exits.push('removed'));
    off();
    child.emit('exit', 3);
    child.emit('exit', 4);
    expect(exits).toEqual([[3, null]]);
    handle.postMessage('after');
    handle.kill();
    expect(child.posted).toEqual([]);
    expect(child.kills).toBe(0);
  });

  it('a send that races the exit does not throw', () => {
    const child = new FakeUtility();
    const handle = wrapUtilityChild(child);
    child.pid = undefined;
    expect(() => handle.postMessage('x')).not.toThrow();
    handle.kill();
    expect(child.kills).toBe(1);
  });
});

describe('utility process handle with a piped stderr', () => {
  const V8_DUMP = '\n\n#\n# Fatal error in , line 0\n# Check failed: boom.\n#\n#\n#\n#FailureMessage Object: 0x7ffd\n----- Native stack trace -----\n\n 1: 0xb8d0a1  [node]\n';
  const piped = () => {
    const child = new FakeUtility();
    child.stderr = new PassThrough();
    const passed: string[] = [];
    const timers: Array<{ fn: () => void; cleared: boolean }> = [];
    const handle = wrapUtilityChild(child, {
      passOn: (t) => passed.push(t),
      setTimer: (fn) => {
        const t = { fn, cleared: false };
        timers.push(t);
        return t;
      },
      clearTimer: (t) => void ((t as { cleared: boolean }).cleared = true),
    });
    const exits: unknown[] = [];
    handle.onExit((code, signal) => exits.push([code, signal, handle.stderrExcerpt?.()]));
    return { child, stderr: child.stderr, handle, passed, timers, exits };
  };
  const tick = () => new Promise((r) => setImmediate(r));

  it('a crash keeps a one-line excerpt for the exit detail and nothing is passed on', async () => {
    const { child, stderr, passed, exits } = piped();
    stderr.write(V8_DUMP);
    child.emit('exit', 133);
    expect(exits).toEqual([]); // waits for the pipe to end, so the excerpt is complete
    stderr.end();
    await tick();
    expect(exits).toHaveLength(1);
    const [code, signal, excerpt] = exits[0] as [number, null, string];
    expect([code, signal]).toEqual([133, null]);
    expect(excerpt).toContain('Check failed: boom.');
    expect(excerpt).toContain('V8 abort');
    expect(excerpt).not.toContain('\n');
    expect(passed).toEqual([]);
  });

  it('a normal exit passes its stderr on, whole', async () => {
    const { child, stderr, passed, exits } = piped();
    stderr.write('warning: one\n');
    stderr.end('warning: two\n');
    await tick();
    child.emit('exit', 0);
    expect(exits).toHaveLength(1);
    expect(passed).toEqual(['warning: one\nwarning: two\n']);
  });

  it('a pipe a grandchild holds open does not delay the exit past the drain timer', async () => {
    const { child, stderr, exits, timers } = piped();
    stderr.write('partial');
    await tick();
    child.emit('exit', 1);
    expect(exits).toEqual([]);
    expect(timers).toHaveLength(1);
    timers[0]?.fn();
    expect(exits).toEqual([[1, null, 'partial']]);
    stderr.end();
    await tick();
    expect(exits).toHaveLength(1);
  });

  it('without a piped stderr there is no excerpt hook and the exit is immediate', () => {
    const child = new FakeUtility();
    const handle = wrapUtilityChild(child);
    expect(handle.stderrExcerpt).toBeUndefined();
    const exits: unknown[] = [];
    handle.onExit((code) => exits.push(code));
    child.emit('exit', 2);
    expect(exits).toEqual([2]);
  });
});
