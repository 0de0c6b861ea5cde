import { describe, expect, it } from 'vitest';
import { traceCommand } from '../../../src/main/tracer/trace-command';
import { builtEntries } from '../../support/entries';

// A traced command is recorded by the same run-recording core as a session,
// so it is bounded the same way: past the recorder's limits what is dropped is
// counted, and the trace says so in a marker.

describe('corelanes trace: the recorder limits of any run', () => {
  it('a traced command past the limits gets the "dropped" marker', async () => {
    const events: string[] = [];
    const { trace } = await traceCommand({
      argv: ['sleep', '0.3'],
      samplerEntry: builtEntries().sampler,
      intervalMs: 1,
      limits: { maxSegments: 1, maxMarkers: 1, maxMemorySamples: 1 },
      onEvent: (e) => events.push(e.type),
    });
    expect(trace.segments).toHaveLength(1);
    expect(trace.markers.at(-1)).toMatchObject({ kind: 'error', text: expect.stringMatching(/^recorder limits reached: dropped \d+ segments, \d+ markers/) });
    expect(events.filter((t) => t === 'run-started' || t === 'run-ended')).toEqual(['run-started', 'run-ended']);
  });
});
