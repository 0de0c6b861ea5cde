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

/** Starts a run through `client` and waits for its run-ended: its id, the workers' parallelism, and the wall time from the request. */
export async function runToEnd(client: ReturnType<typeof bridgeClient>, params: Record<string, unknown>, timeoutMs = 120_000): Promise<{ runId: string; parallelism: number; wallS: number }> {
  const before = client.events().length;
  const t0 = Date.now();
  const { runId } = (await client.invoke('startRun', { params })) as { runId: string };
  for (;;) {
    const ended = client.events().slice(before).find((e): e is Extract<BridgeEvent, { type: 'run-ended' }> => e.type === 'run-ended' && e.runId === runId);
    if (ended) return { runId, parallelism: ended.metrics?.parallelism ?? NaN, wallS: (Date.now() - t0) / 1000 };
    if (Date.now() - t0 > timeoutMs) throw new Error(`run ${runId} did not end in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
