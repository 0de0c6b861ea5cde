import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamBytesOf, streamLinesOf } from '../support/stream-trace';
import { syntheticTrace } from '../support/synthetic-trace';
import { artifact } from './support/artifacts';
import { openTracePage } from './support/open-trace';
import { startWebServer, type WebServer } from './support/web-server';

// A streamed trace cut mid-run (the app killed): the page opens it up to its
// last whole chunk and says where it ends, in its banner, in both themes.
let server: WebServer;
let dir: string;
let cutPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corelanes-cut-'));
  const { bytes, ends } = streamBytesOf(streamLinesOf(syntheticTrace({ durationMs: 3000, seed: 7 }), 4));
  cutPath = join(dir, 'killed.corelanes.jsonl.gz');
  writeFileSync(cutPath, bytes.subarray(0, ends[2]! + 10)); // header, two chunks, a piece of the third
  server = await startWebServer();
});
afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a streamed trace cut mid-run, opened in the page', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`opens up to its last whole chunk and says where it ends (${theme})`, async () => {
      const { b, page, errors } = await openTracePage(server, cutPath, theme);
      try {
        const banner = page.getByText('killed.corelanes.jsonl.gz: trace ends at 1.5 s: the file was cut (no footer); the run was not finished');
        await banner.waitFor({ timeout: 15_000 });
        await page.screenshot({ path: artifact(`cut-trace-${theme}-1280x720.png`) });
        expect(errors).toEqual([]);
      } finally {
        await b.close();
      }
    });
  }
});
