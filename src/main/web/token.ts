import { randomBytes, timingSafeEqual } from 'node:crypto';
import { TOKEN_PATTERN, TOKEN_SUBPROTOCOL_PREFIX, type Role } from '../../shared';

/**
 * The per-launch secrets of web mode, as Jupyter has: whoever holds the leader
 * token drives the engine, whoever holds the viewer token watches. Made fresh
 * at every start, held only in this process's memory and in the links it
 * prints; never in another process's argv or environment.
 */
export interface AccessTokens {
  readonly leader: string;
  readonly viewer: string;
}

/** 32 random bytes each, base64url (43 characters). */
export function newAccessTokens(): AccessTokens {
  return { leader: randomBytes(32).toString('base64url'), viewer: randomBytes(32).toString('base64url') };
}

/** The token a client offered in Sec-WebSocket-Protocol, or null when it offered none. */
export function offeredToken(protocolHeader: string | undefined): string | null {
  if (!protocolHeader) return null;
  for (const item of protocolHeader.split(',')) {
    const name = item.trim();
    if (name.startsWith(TOKEN_SUBPROTOCOL_PREFIX)) return name.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
  }
  return null;
}

/** Equal-length comparison in constant time: how long it takes says nothing about how much of a token matched. */
function sameToken(offered: Buffer, token: string): boolean {
  const expected = Buffer.from(token, 'utf8');
  return offered.length === expected.length && timingSafeEqual(offered, expected);
}

export type TokenCheck = { ok: true; role: Role } | { ok: false; reason: string };

/** Which role a client's token gives; the reason (never the token) when none. */
export function checkToken(protocolHeader: string | undefined, tokens: AccessTokens): TokenCheck {
  const token = offeredToken(protocolHeader);
  if (token === null) return { ok: false, reason: 'no token (open the link Corelanes printed, with its #token=…)' };
  if (!TOKEN_PATTERN.test(token)) return { ok: false, reason: 'malformed token' };
  const offered = Buffer.from(token, 'utf8');
  // Both compared every time, so the time taken does not tell which one matched.
  const leader = sameToken(offered, tokens.leader);
  const viewer = sameToken(offered, tokens.viewer);
  if (leader) return { ok: true, role: 'leader' };
  if (viewer) return { ok: true, role: 'viewer' };
  return { ok: false, reason: 'wrong token (links from an earlier start no longer work)' };
}

/** The page's address with a token in its fragment (#token=…): browsers never send the fragment in a request. */
export function linkWithToken(url: string, token: string, query = ''): string {
  return `${url}${query}#token=${token}`;
}
