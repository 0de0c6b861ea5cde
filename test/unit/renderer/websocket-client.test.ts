import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../../src/shared';
import { decodeServerFrame } from '../../../src/renderer/bridge/validate';
import { WebSocketBridgeClient, bridgeUrl, type SocketLike } from '../../../src/renderer/bridge/websocket-client';
import { machine } from './fixtures';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
    this.onclose?.({});
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  push(data: unknown) {
    this.onmessage?.({ data });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const logs: string[] = [];
  const client = new WebSocketBridgeClient('ws://x/bridge', {
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    log: (m) => logs.push(m),
    reconnectMs: 0,
  });
  return { client, socket: sockets[0] as FakeSocket, logs };
}

describe('decodeServerFrame', () => {
  it('accepts valid result and event frames', () => {
    expect(decodeServerFrame(JSON.stringify({ kind: 'result', id: 1, ok: true, value: null })).ok).toBe(true);
    const ev = decodeServerFrame(JSON.stringify({ kind: 'event', event: { type: 'error', message: 'm', runId: null } }));
    expect(ev.ok && ev.value.kind).toBe('event');
  });

  it('rejects non-text, non-JSON, unknown kinds, unknown events and bad fields, saying why', () => {
    for (const bad of [
      new ArrayBuffer(4),
      'nope',
      '{"kind":"x"}',
      JSON.stringify({ kind: 'event', event: { type: 'bogus' } }),
      JSON.stringify({ kind: 'event', event: { type: 'segments', runId: 'r', segments: [{ taskId: 'a', startMs: -1 }] } }),
    ]) {
      const d = decodeServerFrame(bad);
      expect(d.ok).toBe(false);
      if (!d.ok) expect(d.error.length).toBeGreaterThan(5);
    }
  });
});

describe('WebSocketBridgeClient', () => {
  it('queues invokes until open, then matches results by id and validates them', async () => {
    const { client, socket } = setup();
    const p = client.invoke('stopRun', {});
    expect(socket.sent).toHaveLength(0);
    socket.open();
    const frame = JSON.parse(socket.sent[0] as string) as { id: number; name: string };
    expect(frame.name).toBe('stopRun');
    socket.push(JSON.stringify({ kind: 'result', id: frame.id, ok: true, value: { stopped: true } }));
    await expect(p).resolves.toEqual({ stopped: true });
  });

  it('rejects a result that does not match the command schema, and a server error with its message', async () => {
    const { client, socket } = setup();
    socket.open();
    const a = client.invoke('stopRun', {});
    const b = client.invoke('startRun', { params: {} });
    const [fa, fb] = socket.sent.map((s) => JSON.parse(s) as { id: number });
    socket.push(JSON.stringify({ kind: 'result', id: fa?.id, ok: true, value: { stopped: 'yes' } }));
    socket.push(JSON.stringify({ kind: 'result', id: fb?.id, ok: false, error: 'workers must be at most 64' }));
    await expect(a).rejects.toThrow(/unexpected/);
    await expect(b).rejects.toThrow('workers must be at most 64');
  });

  it('refuses bad arguments before sending', async () => {
    const { client, socket } = setup();
    socket.open();
    await expect(client.invoke('startRun', { params: { workers: 0 } })).rejects.toThrow(/workers/);
    expect(socket.sent).toHaveLength(0);
  });

  it('logs and drops malformed frames; listeners only see valid events, and a throwing listener does not stop others', () => {
    const { client, socket, logs } = setup();
    socket.open();
    const seen: BridgeEvent[] = [];
    client.subscribe(() => {
      throw new Error('listener bug');
    });
    const off = client.subscribe((e) => seen.push(e));
    socket.push('garbage');
    socket.push(JSON.stringify({ kind: 'event', event: { type: 'who-knows' } }));
    socket.push(JSON.stringify({ kind: 'result', id: 42, ok: true, value: 1 }));
    socket.push(JSON.stringify({ kind: 'event', event: { type: 'run-started', run: { runId: 'r' }, machine } }));
    expect(seen).toHaveLength(0);
    expect(client.rejectedFrames).toBe(4);
    socket.push(JSON.stringify({ kind: 'event', event: { type: 'error', message: 'real', runId: null } }));
    expect(seen).toHaveLength(1);
    expect(logs.some((l) => l.includes('listener bug'))).toBe(true);
    off();
    socket.push(JSON.stringify({ kind: 'event', event: { type: 'error', message: 'again', runId: null } }));
    expect(seen).toHaveLength(1);
  });

  it('fails pending invokes with a sentence saying what to do when the link drops', async () => {
    const { client, socket } = setup();
    const states: string[] = [];
    client.onState((s) => states.push(s));
    socket.open();
    const p = client.invoke('stopRun', {});
    socket.close();
    await expect(p).rejects.toThrow(/corelanes web/);
    expect(states).toEqual(['open', 'closed']);
  });

  it('builds the bridge URL of the page origin', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/bridge');
    expect(bridgeUrl({ protocol: 'https:', host: 'h' })).toBe('wss://h/bridge');
  });
});
