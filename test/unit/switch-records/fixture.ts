import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRecords, trailerLayout, type ParseResult, type TrailerLayout } from '../../../src/node/switch-records';
import { ROOT } from '../../support/entries';

/** Ring bytes captured from the real kernel by test/fixtures/switch-records/capture.ts. */
export interface CapturedRun {
  meta: { kernel: string; sampleType: number; baseNs: string; pid: number; threadTid: number; childPid: number; cpus: number[] };
  layout: TrailerLayout;
  rings: Map<number, ParseResult>;
}

export function loadCapture(name = 'thread-and-child'): CapturedRun {
  const dir = join(ROOT, 'test', 'fixtures', 'switch-records');
  const meta = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as CapturedRun['meta'];
  const layout = trailerLayout(meta.sampleType);
  if ('error' in layout) throw new Error(layout.error);
  const rings = new Map<number, ParseResult>();
  for (const cpu of meta.cpus) rings.set(cpu, parseRecords(readFileSync(join(dir, `${name}.cpu${cpu}.bin`)), layout, BigInt(meta.baseNs)));
  return { meta, layout, rings };
}
