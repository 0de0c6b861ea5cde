import type { Theme } from '../../timeline/colors';

const KEY = 'corelanes-theme';

/** The user's choice if any, else the system's (prefers-color-scheme). */
export function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // storage may be unavailable (privacy settings); fall back to the system
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function saveTheme(theme: Theme): void {
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // not persisted; the toggle still works for this page
  }
}
