/**
 * The renderer is served from a custom privileged scheme, not file://: it gets
 * a real origin (so CSP 'self', COOP/COEP and fetch behave as on the web) and
 * the main process decides exactly which files exist under it.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'corelanes';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** True only for a URL of the app's own origin (the sender and navigation checks use it). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
