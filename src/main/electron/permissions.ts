import { isAppUrl } from './app-url';

/**
 * Permission requests from pages: everything is denied except screen capture
 * (getDisplayMedia, for recording a demo of the app), and only for the app's
 * own page. Which surface may be captured is decided separately: only the
 * app's own window (see main-window.ts, setDisplayMediaRequestHandler).
 */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  // 'media' (camera, microphone), notifications, geolocation, clipboard, HID, serial...: never needed, always denied.
  return permission === 'display-capture' && isAppUrl(requestingUrl);
}

/** Navigation within the app's origin only; anything else (links, drag-and-dropped files, redirects) is blocked. */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/** Links the user clicks that may open in the system browser (docs); never file:, javascript: or custom schemes. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
