/**
 * Whether binding `host` keeps the server reachable from this machine only.
 * Decides if the page may run programs of its choice (traceCommand): any
 * address reachable from other machines (0.0.0.0, ::, a LAN address, a name)
 * is not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  const parts = v4.split('.');
  return parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}
