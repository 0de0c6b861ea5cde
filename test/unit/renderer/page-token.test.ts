import { describe, expect, it } from 'vitest';
import { takePageToken } from '../../../src/renderer/bridge/page-token';

const T = 'a'.repeat(43);

function tab() {
  const stored = new Map<string, string>();
  const replaced: string[] = [];
  return {
    storage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) },
    history: { replaceState: (_d: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
    replaced,
  };
}

describe('the page token', () => {
  it('comes from the link fragment, leaves the address bar, and only then allows ?autostart=1', () => {
    const t = tab();
    expect(takePageToken({ hash: `#token=${T}`, pathname: '/', search: '?autostart=1' }, t.history, t.storage)).toEqual({ token: T, fromLink: true });
    expect(t.replaced).toEqual(['/?autostart=1']);
    // A reload, or another page navigating this tab to ?autostart=1: the stored token connects, but starts nothing.
    expect(takePageToken({ hash: '', pathname: '/', search: '?autostart=1' }, t.history, t.storage)).toEqual({ token: T, fromLink: false });
  });

  it('is none without a link or with a malformed one (the page says "no token")', () => {
    const t = tab();
    expect(takePageToken({ hash: '', pathname: '/', search: '?autostart=1' }, t.history, t.storage)).toEqual({ token: null, fromLink: false });
    expect(takePageToken({ hash: '#token=short', pathname: '/', search: '' }, t.history, t.storage)).toEqual({ token: null, fromLink: false });
    expect(takePageToken({ hash: `#token=${T}`, pathname: '/', search: '' }, null, null)).toEqual({ token: T, fromLink: true });
  });
});
