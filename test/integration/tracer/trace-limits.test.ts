import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTraceFile } from '../../../src/main/files/read-trace-file';
import { traceCommand } from '../../../src/main/tracer/trace-command';
import { builtEntries } from '../../support/entries';

// A traced command is recorded by the same run-recording core as a session,
// so it has the same memory window: past it the run spills to a file of its
// own, drops nothing, and its trace in memory says where the rest is.

describe('corelanes trace: the memory window of any run', () => {
  it('a traced command past the window spills to a file that holds every record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corelanes-trace-spill-'));
    try {
      const events: string[] = [];
      let liveSegments = 0;
      const { trace } = await traceCommand({
        // 40 short sleeps: dozens of segments whatever the source (a single `sleep 0.3` may be only 4 switch records, within the window).
        argv: ['sh', '-c', 'for i in $(seq 40); do sleep 0.005; done'],
        samplerEntry: builtEntries().sampler,
        intervalMs: 1,
        storage: { spillDir: dir, window: { segments: 4, markers: 4, memory: 4 } },
        onEvent: (e) => {
          events.push(e.type);
          if (e.type === 'segments') liveSegments += e.segments.length;
        },
      });
      expect(trace.markers[0]).toMatchObject({ kind: 'annotation', text: expect.stringMatching(/^This run outgrew memory: its first \d+ segments/) });
      const [folder] = readdirSync(dir);
      const file = join(dir, folder!, readdirSync(join(dir, folder!))[0]!);
      const whole = readTraceFile(file);
      expect(whole.segments.length).toBeGreaterThan(trace.segments.length);
      expect(whole.segments.length).toBeLessThanOrEqual(liveSegments);
      expect(whole.metrics).toEqual(trace.metrics);
      expect(events.filter((t) => t === 'run-started' || t === 'run-ended')).toEqual(['run-started', 'run-ended']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
