/**
 * Which browsers may talk to the bridge. A WebSocket is not bound by the
 * same-origin policy, so without this any web page the user visits could
 * drive the engine on localhost. Rules:
 * - the Host header must name this server's port and a host we answer to:
 *   a loopback name, an IP literal, or a name given with --host. Refusing other
 *   names defeats DNS rebinding (evil.example resolving to 127.0.0.1);
 * - a browser's Origin must be exactly this server (same origin);
 * - no Origin at all is a non-browser client (tests, scripts), which could
 *   connect anyway, so it is allowed.
 */
export interface OriginPolicy {
  port: number;
  /** Extra host names (not IPs) that this server may be reached by, e.g. the --host value. */
  hostNames: readonly string[];
}

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain']);
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isIpLiteral(host: string): boolean {
  if (host.startsWith('[') && host.endsWith(']')) return /^[0-9a-f:.]+$/i.test(host.slice(1, -1));
  const m = IPV4.exec(host);
  return m !== null && m.slice(1).every((part) => Number(part) <= 255);
}

/** Splits "host:port" (IPv6 in brackets). Null when it is not that shape. */
export function splitHostPort(value: string): { host: string; port: number } | null {
  const m = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(value.trim());
  if (!m) return null;
  return { host: m[1]!.toLowerCase(), port: Number(m[2]) };
}

export function isAllowedHostHeader(hostHeader: string | undefined, policy: OriginPolicy): boolean {
  if (!hostHeader) return false;
  const hp = splitHostPort(hostHeader);
  if (!hp || hp.port !== policy.port) return false;
  return LOOPBACK_NAMES.has(hp.host) || isIpLiteral(hp.host) || policy.hostNames.some((n) => n.toLowerCase() === hp.host);
}

export type UpgradeVerdict = { ok: true } | { ok: false; reason: string };

export function checkBridgeUpgrade(origin: string | undefined, hostHeader: string | undefined, policy: OriginPolicy): UpgradeVerdict {
  if (!isAllowedHostHeader(hostHeader, policy)) return { ok: false, reason: `Host ${JSON.stringify(hostHeader ?? '')} is not this server` };
  if (origin === undefined) return { ok: true };
  if (origin.toLowerCase() !== `http://${hostHeader!.toLowerCase()}`) return { ok: false, reason: `Origin ${JSON.stringify(origin.slice(0, 100))} is not this server` };
  return { ok: true };
}
