import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { answerAppRequest } from './app-protocol-files';
import { APP_SCHEME } from './app-url';

/** Must run before app 'ready': app:// behaves like https (standard, secure origin, fetch, streaming media). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

/** Serves the built renderer under app://corelanes/ with CSP and COOP/COEP headers. */
export function serveAppScheme(rendererDir: string, log: (line: string) => void): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = answerAppRequest(rendererDir, request.url, request.method);
    if (!answer.file) return new Response(null, { status: answer.status, headers: answer.headers });
    try {
      const body = await readFile(answer.file);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: answer.headers });
    } catch {
      log(`app: ${request.url} not found`);
      return new Response(null, { status: 404, headers: answer.headers });
    }
  });
}
