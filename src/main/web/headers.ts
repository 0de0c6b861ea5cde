/**
 * Headers of every web-mode response. COOP + COEP make the page cross-origin
 * isolated, which gives it SharedArrayBuffer and 5 us performance.now()
 * (100 us otherwise, DESIGN.md section 10). The CSP allows only this server's
 * own scripts and its own WebSocket.
 */
export function contentSecurityPolicy(bridgeOrigin: string | null): string {
  const connect = bridgeOrigin ? `'self' ${bridgeOrigin}` : "'self'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React and d3 set element.style; inline style attributes in markup are the only thing this allows.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(bridgeOrigin: string | null): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(bridgeOrigin),
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentType(extension: string): string {
  return TYPES[extension.toLowerCase()] ?? 'application/octet-stream';
}
