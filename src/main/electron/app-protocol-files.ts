import { extname } from 'node:path';
import { contentType, securityHeaders } from '../web/headers';
import { resolveStaticPath } from '../web/static-path';
import { isAppUrl } from './app-url';

export interface AppFileAnswer {
  status: number;
  file: string | null;
  headers: Record<string, string>;
}

/**
 * What app://corelanes/<path> serves: a file of the built renderer with the
 * same CSP and cross-origin isolation headers as web mode (no WebSocket in
 * the CSP: the Electron page talks through the preload only).
 */
export function answerAppRequest(rendererDir: string, url: string, method = 'GET'): AppFileAnswer {
  const base = securityHeaders(null);
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, file: null, headers: base };
  if (!isAppUrl(url)) return { status: 404, file: null, headers: base };
  const { pathname, search } = new URL(url);
  const file = resolveStaticPath(rendererDir, `${pathname}${search}`);
  if (!file) return { status: 400, file: null, headers: base };
  return { status: 200, file, headers: { ...base, 'Content-Type': contentType(extname(file)) } };
}
