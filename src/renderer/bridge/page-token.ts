import { TOKEN_PATTERN } from '../../shared';

const STORAGE_KEY = 'corelanes.token';

export interface PageLocation {
  readonly hash: string;
  readonly pathname: string;
  readonly search: string;
}

export interface PageToken {
  /** The token this page presents to the bridge, or null when it has none. */
  token: string | null;
  /** It came with the link just opened (not from an earlier load of this tab): only then may ?autostart=1 start a run. */
  fromLink: boolean;
}

/**
 * The token web mode printed in the link's fragment (#token=…). Browsers
 * never send a fragment to a server. The page takes it out of the address bar
 * (a projected screen would show it) and keeps it in this tab's
 * sessionStorage, so a reload still connects.
 */
export function takePageToken(
  location: PageLocation,
  history: Pick<History, 'replaceState'> | null,
  storage: Pick<Storage, 'getItem' | 'setItem'> | null,
): PageToken {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash !== null && TOKEN_PATTERN.test(fromHash)) {
    try {
      storage?.setItem(STORAGE_KEY, fromHash);
      history?.replaceState(null, '', `${location.pathname}${location.search}`);
    } catch {
      // Storage may be off (a private window's settings): the page works until it is reloaded.
    }
    return { token: fromHash, fromLink: true };
  }
  let stored: string | null = null;
  try {
    stored = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  return { token: stored !== null && TOKEN_PATTERN.test(stored) ? stored : null, fromLink: false };
}
