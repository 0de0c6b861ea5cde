import { describe, expect, it } from 'vitest';
import { checkToken, linkWithToken, newAccessTokens, offeredToken } from '../../../src/main/web';
import { TOKEN_PATTERN, bridgeSubprotocols } from '../../../src/shared';

const header = (token: string) => bridgeSubprotocols(token).join(', ');

describe('web mode tokens', () => {
  it('are 32 random bytes in base64url, fresh each launch, leader and viewer different', () => {
    const a = newAccessTokens();
    const b = newAccessTokens();
    for (const t of [a.leader, a.viewer, b.leader]) {
      expect(t).toMatch(TOKEN_PATTERN);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    }
    expect(new Set([a.leader, a.viewer, b.leader, b.viewer]).size).toBe(4);
  });

  it('give the role of the token offered as a subprotocol, and nothing for any other', () => {
    const tokens = newAccessTokens();
    expect(checkToken(header(tokens.leader), tokens)).toEqual({ ok: true, role: 'leader' });
    expect(checkToken(header(tokens.viewer), tokens)).toEqual({ ok: true, role: 'viewer' });
    const refused = (h: string | undefined) => checkToken(h, tokens).ok;
    expect(refused(undefined)).toBe(false);
    expect(refused('')).toBe(false);
    expect(refused('corelanes.v1')).toBe(false);
    expect(refused(header(newAccessTokens().leader))).toBe(false); // a link from an earlier launch
    expect(refused(header(tokens.leader.slice(0, -1)))).toBe(false);
    expect(refused(header(`${tokens.leader}A`))).toBe(false);
    expect(refused(header(tokens.leader.toUpperCase()))).toBe(false);
    expect(refused(header('é'.repeat(43)))).toBe(false);
    // The reason never holds the token.
    const wrong = checkToken(header('B'.repeat(43)), tokens);
    expect(wrong.ok || wrong.reason.includes('B'.repeat(43))).toBe(false);
  });

  it('are read from the subprotocol list wherever they are in it', () => {
    expect(offeredToken(`corelanes.v1, corelanes.token.${'x'.repeat(43)}`)).toBe('x'.repeat(43));
    expect(offeredToken(`corelanes.token.abc,corelanes.v1`)).toBe('abc');
    expect(offeredToken('corelanes.v1')).toBeNull();
  });

  it('go in the fragment of a link, after the query: a browser never sends the fragment', () => {
    expect(linkWithToken('http://127.0.0.1:8085/', 'T', '?autostart=1')).toBe('http://127.0.0.1:8085/?autostart=1#token=T');
  });
});
