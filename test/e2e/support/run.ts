import type { Page } from 'playwright-core';
import { hookState } from './hook';

/** Polls `probe` every 200 ms until `ok`, or throws saying what it waited for and what it last saw. */
export async function waitFor<T>(page: Page, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last).slice(0, 400)}`);
    await page.waitForTimeout(200);
    last = await probe();
  }
  return last;
}

/**
 * Starts a run from the controls and waits until the page follows it. A page that connects
 * gets the server's last run replayed first; waiting for a new run id keeps that replay
 * from being mistaken for this run.
 */
export async function startRun(page: Page, params: { workload: string; kind: string; workers: number; durationS: number }): Promise<string> {
  const before = (await hookState(page)).runId;
  await page.getByLabel('Workload', { exact: true }).selectOption(params.workload);
  await page.getByLabel('Kind', { exact: true }).selectOption(params.kind);
  await page.getByLabel('Workers', { exact: true }).fill(String(params.workers));
  await page.getByLabel('Duration', { exact: true }).fill(String(params.durationS));
  await page.getByRole('button', { name: 'Start run' }).click();
  const started = await waitFor(page, () => hookState(page), (st) => st.runId !== null && st.runId !== before && st.status !== 'idle', 30_000, 'the new run');
  return started.runId as string;
}
