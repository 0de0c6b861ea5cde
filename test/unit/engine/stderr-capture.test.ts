import { describe, expect, it } from 'vitest';
import { StderrCapture } from '../../../src/main/engine/launchers/stderr-capture';

const V8_DUMP = `

#
# Fatal process out of memory
----- Native stack trace -----

 1: 0xd3a3c0  [/usr/bin/node]
 2: 0xf50bdf v8::internal::FunctionCallbackArguments::Call(v8::internal::CallHandlerInfo) [/usr/bin/node]

----- JavaScript stack trace -----

1: misbehave (file:///x/process.js:20174:15)
2: file:///x/process.js:20245:7
3: emit (node:events:524:28)
`;

describe('StderrCapture', () => {
  it('shortens a V8 abort dump to one line with its first JavaScript frames', () => {
    const c = new StderrCapture();
    for (const part of V8_DUMP.match(/[\s\S]{1,40}/g)!) c.add(part);
    expect(c.excerpt()).toBe('Fatal process out of memory | V8 abort | 1: misbehave (file:///x/process.js:20174:15) | 2: file:///x/process.js:20245:7');
  });

  it('keeps the first lines of other output, capped, and nothing when silent', () => {
    const c = new StderrCapture();
    expect(c.excerpt()).toBeNull();
    c.add('Error: boom\n    at f (a.js:1:1)\n    at g (a.js:2:2)\n    at h (a.js:3:3)\n');
    expect(c.excerpt()).toBe('Error: boom | at f (a.js:1:1) | at g (a.js:2:2)');
    c.add('x'.repeat(100_000));
    expect(c.all.length).toBeLessThanOrEqual(16_384);
    expect(new StderrCapture().excerpt()).toBeNull();
  });
});
