import { launch, type Browser } from './browser';
import { testPageUrl, type PageServer } from './page-url';

/** A fresh page (its own browser profile) with a trace file opened through the page's Open trace; page errors collected. */
export async function openTracePage(server: PageServer, tracePath: string, colorScheme: 'light' | 'dark'): Promise<{ b: Browser; page: Browser['page']; errors: string[] }> {
  const b = await launch({ colorScheme });
  const errors: string[] = [];
  b.page.on('pageerror', (e) => errors.push(e.message));
  try {
    await b.page.goto(testPageUrl(server));
    await b.page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
    await b.page.locator('input[type="file"]').setInputFiles(tracePath);
  } catch (error) {
    await b.close();
    throw error;
  }
  return { b, page: b.page, errors };
}
