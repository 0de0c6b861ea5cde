/** What did-fail-load reports (https://www.electronjs.org/docs/latest/api/web-contents#event-did-fail-load). */
export interface LoadFailure {
  errorCode: number;
  errorDescription: string;
  validatedURL: string;
  isMainFrame: boolean;
}

/** Chromium's net::ERR_ABORTED: a load replaced by another one (a reload, a new navigation), not a failure. */
const ERR_ABORTED = -3;

/**
 * The window is created hidden and shown on 'ready-to-show', which never
 * comes when the page fails to load: then the window is shown anyway (empty,
 * instead of an app that seems not to start) and the reason logged with what
 * to do. Null when nothing needs doing.
 */
export function loadFailureAction(failure: LoadFailure): { show: true; log: string } | null {
  if (!failure.isMainFrame || failure.errorCode === ERR_ABORTED) return null;
  const url = failure.validatedURL.slice(0, 200);
  return { show: true, log: `window: the page did not load (${failure.errorDescription || 'error'} ${failure.errorCode}, ${url}); if out/renderer is missing, run "npm run build"` };
}
