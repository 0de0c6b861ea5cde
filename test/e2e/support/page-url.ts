/**
 * The app's page with its test hook (window.__corelanesBench), which the app
 * installs only behind ?test=1; `query` adds the page's own flags ('?view=tasks').
 */
export function testPageUrl(base: string, query = ''): string {
  const rest = query.replace(/^\?/, '');
  return `${base}?test=1${rest ? `&${rest}` : ''}`;
}
