import { describe, expect, it } from 'vitest';
import { toWorkerMessage } from '../../../src/main/engine/kinds/python-interpreter';
import { FromWorkerSchema, parsePythonEvent } from '../../../src/shared';

describe('corelanes_workers.py JSON lines', () => {
  it('turns hello/phase/progress/done into valid worker-protocol messages', () => {
    const lines = [
      '{"ev":"hello","key":"w0","pid":10,"tid":12,"kind":"thread","t":1000.5}',
      '{"ev":"phase","key":"w0","tid":12,"phase":"compute","t":1001}',
      '{"ev":"progress","key":"w0","units":42}',
      '{"ev":"done","key":"w0","units":50}',
    ];
    const msgs = lines.map((l) => toWorkerMessage(parsePythonEvent(l)!));
    expect(msgs[0]).toEqual({ type: 'hello', pid: 10, tid: 12, startedAtMono: 1000.5 });
    expect(msgs[1]).toEqual({ type: 'phase', phase: 'compute', core: null, atMono: 1001 });
    for (const m of msgs) expect(FromWorkerSchema.safeParse(m).success).toBe(true);
  });

  it('ignores what is not such an event (a user program prints anything)', () => {
    for (const l of ['done [1, 2]', '{"ev":"hello"}', '{not json', '', '{"ev":"nope","key":"a"}']) expect(parsePythonEvent(l)).toBeNull();
  });

  it('exit and info events are not worker messages', () => {
    expect(toWorkerMessage(parsePythonEvent('{"ev":"exit","key":"w0","code":0}')!)).toBeNull();
    expect(toWorkerMessage(parsePythonEvent('{"ev":"info","python":"3.11.7","gil":true,"pid":3,"mode":"serve"}')!)).toBeNull();
  });
});
