import { bridgeSubprotocols, decodeSegmentFrame, type BridgeClient, type BridgeEvent, type CommandArgs, type CommandName, type CommandResult, type Disposer, type Role } from '../../shared';
import type { ConnectionState, ConnectionStatus, RoleStatus } from './connection';
import { checkArgs, checkResult, decodeServerFrame } from './validate';
import { inflateColumns } from './inflate-columns';

/** The part of the DOM WebSocket this client uses (so tests can pass a fake). */
export interface SocketLike {
  readonly readyState: number;
  /** 'arraybuffer': segment frames come as bytes (segment-columns.ts). */
  binaryType?: string;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface WebSocketClientOptions {
  createSocket?: (url: string, protocols: string[]) => SocketLike;
  /**
   * The token from the link (page-token.ts), presented as a subprotocol on
   * every (re)connection. null: the page has none, so it does not try (the
   * server would refuse it). Left out: connect without one (tests).
   */
  token?: string | null;
  log?: (message: string) => void;
  /** Delay before reconnecting after the link drops; 0 disables reconnecting. */
  reconnectMs?: number;
}

interface Pending {
  name: CommandName;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

const OPEN = 1;

/**
 * BridgeClient over a WebSocket (web mode): request/response by id plus pushed
 * events, every frame validated on receipt. A malformed or unknown frame is
 * logged and dropped; it never reaches a listener or throws into the page.
 */
export class WebSocketBridgeClient implements BridgeClient, ConnectionStatus, RoleStatus {
  state: ConnectionState = 'connecting';
  /** What the server's hello said this page may do. */
  role: Role | null = null;
  readonly hasToken: boolean;
  /** Frames dropped as malformed or unknown (the e2e test reads it). */
  rejectedFrames = 0;
  private socket: SocketLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly queue: string[] = [];
  private readonly listeners = new Set<(e: BridgeEvent) => void>();
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  private readonly roleListeners = new Set<(r: Role) => void>();
  private disposed = false;
  private readonly protocols: string[];
  private readonly createSocket: (url: string, protocols: string[]) => SocketLike;
  private readonly log: (m: string) => void;
  private readonly reconnectMs: number;

  constructor(
    private readonly url: string,
    options: WebSocketClientOptions = {},
  ) {
    this.createSocket = options.createSocket ?? ((u, p) => new WebSocket(u, p) as unknown as SocketLike);
    this.log = options.log ?? ((m) => console.warn(`[corelanes bridge] ${m}`));
    this.reconnectMs = options.reconnectMs ?? 1000;
    this.hasToken = options.token !== null;
    this.protocols = typeof options.token === 'string' ? bridgeSubprotocols(options.token) : [];
    if (this.hasToken) this.connect();
    else this.setState('closed');
  }

  invoke<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult<N>> {
    try {
      checkArgs(name, args);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    const id = this.nextId++;
    return new Promise<CommandResult<N>>((resolve, reject) => {
      this.pending.set(id, { name, resolve: resolve as (v: unknown) => void, reject });
      const text = JSON.stringify({ kind: 'invoke', id, name, args });
      if (this.socket && this.socket.readyState === OPEN) this.socket.send(text);
      else this.queue.push(text);
    });
  }

  subscribe(listener: (event: BridgeEvent) => void): Disposer {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: (state: ConnectionState) => void): Disposer {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onRole(listener: (role: Role) => void): Disposer {
    this.roleListeners.add(listener);
    return () => this.roleListeners.delete(listener);
  }

  /** Handles one raw frame; public so tests and the socket share one path. */
  receive(raw: unknown): void {
    if (raw instanceof ArrayBuffer) {
      const batch = decodeSegmentFrame(new Uint8Array(raw), inflateColumns);
      if (!batch.ok) {
        this.rejectedFrames++;
        this.log(`dropped a frame from the server: ${batch.error}`);
        return;
      }
      this.dispatch({ type: 'segments', runId: batch.value.runId, segments: batch.value.segments });
      return;
    }
    const decoded = decodeServerFrame(raw);
    if (!decoded.ok) {
      this.rejectedFrames++;
      this.log(`dropped a frame from the server: ${decoded.error}`);
      return;
    }
    const frame = decoded.value;
    if (frame.kind === 'hello') {
      this.role = frame.role;
      for (const l of this.roleListeners) l(frame.role);
      return;
    }
    if (frame.kind === 'event') return this.dispatch(frame.event);
    if (frame.kind === 'events') {
      for (const event of frame.events) this.dispatch(event);
      return;
    }
    const pending = this.pending.get(frame.id);
    if (!pending) {
      this.rejectedFrames++;
      this.log(`dropped a result for unknown request ${frame.id}`);
      return;
    }
    this.pending.delete(frame.id);
    if (!frame.ok) {
      pending.reject(new Error(frame.error));
      return;
    }
    try {
      pending.resolve(checkResult(pending.name, frame.value));
    } catch (e) {
      pending.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private dispatch(event: BridgeEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (e) {
        this.log(`an event listener failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.socket?.close();
    this.failPending('The page closed its connection to Corelanes.');
  }

  private connect(): void {
    this.setState('connecting');
    let socket: SocketLike;
    try {
      socket = this.createSocket(this.url, this.protocols);
    } catch (e) {
      this.log(`cannot open ${this.url}: ${e instanceof Error ? e.message : String(e)}`);
      this.setState('closed');
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      this.setState('open');
      for (const text of this.queue.splice(0)) socket.send(text);
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    socket.onerror = () => undefined;
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.setState('closed');
      this.failPending('Lost the connection to Corelanes. Is `corelanes web` still running? The page reconnects by itself.');
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.disposed || this.reconnectMs <= 0) return;
    setTimeout(() => {
      if (!this.disposed) this.connect();
    }, this.reconnectMs);
  }

  private failPending(message: string): void {
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
    this.queue.length = 0;
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const l of this.stateListeners) l(state);
  }
}

/** ws://host/bridge (or wss:) of the page's own origin. */
export function bridgeUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/bridge`;
}
