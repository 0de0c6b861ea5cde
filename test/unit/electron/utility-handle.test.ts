import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { wrapUtilityChild } from '../../../src/main/electron/utility-handle';

class FakeUtility extends EventEmitter {
  pid: number | undefined = 4242;
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
