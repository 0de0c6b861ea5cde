import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Maps a request path to a file inside the renderer folder, or null when the
 * path is malformed or escapes it ("/../", encoded slashes, NUL). "/" is the
 * page itself.
 */
export function resolveStaticPath(rootDir: string, urlPath: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(urlPath, 'http://x').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.endsWith('/')) pathname += 'index.html';
  const root = resolve(rootDir);
  const file = resolve(root, `.${pathname}`);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}
