/** Where the page is and the tokens it may present (from the links `corelanes web` printed). */
export interface PageServer {
  url: string;
  token: string;
  viewerToken: string;
}

/**
 * The app's page with its test hook (window.__corelanesBench), which the app
 * installs only behind ?test=1; `query` adds the page's own flags ('?view=tasks').
 * The token goes in the fragment, as in the printed links: the leader's unless said.
 */
export function testPageUrl(server: PageServer, query = '', role: 'leader' | 'viewer' = 'leader'): string {
  const rest = query.replace(/^\?/, '');
  return `${server.url}?test=1${rest ? `&${rest}` : ''}#token=${role === 'leader' ? server.token : server.viewerToken}`;
}
