import { describe, expect, it } from 'vitest';
import { checkBridgeUpgrade, contentSecurityPolicy, decodeClientFrame, isAllowedHostHeader, resolveStaticPath, securityHeaders, splitHostPort, urlHost } from '../../../src/main/web';

describe('origin policy of the bridge', () => {
  const policy = { port: 8080, hostNames: [] as string[] };
  it.each([
    ['127.0.0.1:8080', true],
    ['localhost:8080', true],
    ['[::1]:8080', true],
    ['192.168.1.20:8080', true],
    ['127.0.0.1:9999', false],
    ['evil.example:8080', false], // DNS rebinding
    ['999.1.1.1:8080', false],
    ['127.0.0.1', false],
    ['', false],
  ])('Host %j allowed: %s', (host, ok) => expect(isAllowedHostHeader(host, policy)).toBe(ok));

  it('allows a name given with --host', () => {
    expect(isAllowedHostHeader('leader.local:8080', { port: 8080, hostNames: ['leader.local'] })).toBe(true);
  });

  it('accepts same-origin browsers and non-browser clients, refuses other pages', () => {
    expect(checkBridgeUpgrade('http://127.0.0.1:8080', '127.0.0.1:8080', policy)).toEqual({ ok: true });
    expect(checkBridgeUpgrade(undefined, '127.0.0.1:8080', policy)).toEqual({ ok: true });
    const other = checkBridgeUpgrade('https://evil.example', '127.0.0.1:8080', policy);
    expect(other.ok).toBe(false);
    expect(checkBridgeUpgrade('http://localhost:8080', '127.0.0.1:8080', policy).ok).toBe(false);
    expect(checkBridgeUpgrade('http://evil.example:8080', 'evil.example:8080', policy).ok).toBe(false);
  });

  it('splits host and port, IPv6 included', () => {
    expect(splitHostPort('[::1]:80')).toEqual({ host: '[::1]', port: 80 });
    expect(splitHostPort('::1:80')).toBeNull();
    expect(urlHost('::1')).toBe('[::1]');
    expect(urlHost('0.0.0.0')).toBe('0.0.0.0');
  });
});

describe('static paths', () => {
  const root = '/srv/renderer';
  it.each([
    ['/', '/srv/renderer/index.html'],
    ['/index.html?autostart=1', '/srv/renderer/index.html'],
    ['/assets/index-abc.js', '/srv/renderer/assets/index-abc.js'],
    ['/../etc/passwd', '/srv/renderer/etc/passwd'], // normalised by URL parsing, still inside
    ['/%2e%2e/%2e%2e/etc/passwd', '/srv/renderer/etc/passwd'],
  ])('%s -> %s', (url, file) => expect(resolveStaticPath(root, url)).toBe(file));
  it.each(['/..%2f..%2fetc/passwd', '/a%00b', '/%E0%A4%A', '/..%5c..%5cwin.ini'])('refuses %s', (url) => {
    expect(resolveStaticPath(root, url)).toBeNull();
  });
});

describe('headers', () => {
  it('make the page cross-origin isolated and allow only its own scripts and bridge', () => {
    const h = securityHeaders('ws://127.0.0.1:8080');
    expect(h['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(h['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    const csp = contentSecurityPolicy('ws://127.0.0.1:8080');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:8080");
    expect(csp).toContain("object-src 'none'");
  });
});

describe('client frames', () => {
  it('accepts an invoke frame', () => {
    expect(decodeClientFrame(JSON.stringify({ kind: 'invoke', id: 3, name: 'machineInfo', args: {} }), false)).toEqual({
      ok: true,
      frame: { kind: 'invoke', id: 3, name: 'machineInfo', args: {} },
    });
  });
  it.each([
    ['{not json', false, null, 'not JSON'],
    ['[1,2]', false, null, 'bad frame'],
    [JSON.stringify({ kind: 'invoke', id: 7, name: 'x'.repeat(100), args: {} }), false, 7, 'name'],
    [JSON.stringify({ kind: 'invoke', id: 8, name: 'startRun', args: {}, extra: true }), false, 8, 'extra'],
    [JSON.stringify({ kind: 'subscribe', id: 9 }), false, 9, 'kind'],
    [JSON.stringify({ kind: 'invoke', id: -1, name: 'a', args: {} }), false, null, 'id'],
    ['{}', true, null, 'binary'],
  ])('rejects %s with its id (%s) when it has one', (text, binary, id, fragment) => {
    const d = decodeClientFrame(Buffer.from(text), binary as boolean);
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.id).toBe(id);
      expect(d.error).toContain(fragment);
    }
  });
});
