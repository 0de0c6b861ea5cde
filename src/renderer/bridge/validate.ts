import {
  BridgeEventSchema,
  COMMANDS,
  isCommandName,
  ServerFrameSchema,
  type BridgeEvent,
  type CommandArgs,
  type CommandName,
  type CommandResult,
  type ServerFrame,
} from '../../shared';

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: string };

function describe(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return 'invalid';
  return `${first.path.length ? `${first.path.map(String).join('.')}: ` : ''}${first.message}`;
}

/** Parses and validates one WebSocket text frame from the server. Never throws. */
export function decodeServerFrame(raw: unknown): Decoded<ServerFrame> {
  if (typeof raw !== 'string') return { ok: false, error: 'frame is not text' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: `frame is not JSON: ${raw.slice(0, 80)}` };
  }
  const parsed = ServerFrameSchema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: `bad frame (${describe(parsed.error.issues)})` };
}

/** Validates an event from any transport (the preload may be older or newer than this page). */
export function decodeEvent(raw: unknown): Decoded<BridgeEvent> {
  const parsed = BridgeEventSchema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: `bad event (${describe(parsed.error.issues)})` };
}

/** Checks a command's arguments before sending: a typo shows here, not as a server error. */
export function checkArgs<N extends CommandName>(name: N, args: CommandArgs<N>): CommandArgs<N> {
  if (!isCommandName(name)) throw new Error(`Unknown command "${String(name)}".`);
  const parsed = COMMANDS[name].args.safeParse(args);
  if (!parsed.success) throw new Error(`${name}: ${describe(parsed.error.issues)}`);
  return args;
}

/** Validates a command's result on receipt. */
export function checkResult<N extends CommandName>(name: N, value: unknown): CommandResult<N> {
  const parsed = COMMANDS[name].result.safeParse(value);
  if (!parsed.success) throw new Error(`The engine answered ${name} with something unexpected (${describe(parsed.error.issues)}).`);
  return parsed.data as CommandResult<N>;
}
