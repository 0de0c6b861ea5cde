import { WebSocket } from 'ws';
import { bridgeSubprotocols, type BridgeEvent, type ServerFrame } from '../../src/shared';
import { serverFrames } from './server-frames';
import { until } from './until';

/** A test client of web mode's /bridge socket, presenting `token` as a page does: every frame is checked against the wire schema. */
export function bridgeClient(url: string, token: string) {
  const ws = new WebSocket(url, bridgeSubprotocols(token));
  const frames: ServerFrame[] = [];
  ws.on('message', (data: Buffer, isBinary: boolean) => frames.push(...serverFrames(data, isBinary)));
  let id = 0;
  const invoke = async (name: string, args: unknown) => {
    const myId = ++id;
    ws.send(JSON.stringify({ kind: 'invoke', id: myId, name, args }));
    const frame = await until(`the answer to ${name}`, () => frames.find((f) => f.kind === 'result' && f.id === myId));
    if (frame.kind !== 'result') throw new Error('unreachable');
    if (!frame.ok) throw new Error(frame.error);
    return frame.value;
  };
  const events = (): BridgeEvent[] => frames.flatMap((f) => (f.kind === 'event' ? [f.event] : []));
  const opened = new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  return { ws, invoke, events, opened };
}
