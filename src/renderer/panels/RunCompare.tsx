import { memo, useEffect, useRef } from 'react';
import type { PaintSurface } from '../../timeline/canvas';
import type { Theme } from '../../timeline/colors';
import { buildPicture } from '../../timeline/export/picture';
import { paintPicture } from '../../timeline/export/paint-picture';
import { runDeltas } from '../app/run-deltas';
import type { SessionRun } from '../app/session-runs';
import type { Trace } from '../../shared';

const PICTURE_HEIGHT = 330;

function makeSurface(width: number, height: number): PaintSurface {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c as unknown as PaintSurface;
}

/**
 * Two runs of this session one above the other on the same time axis (0 to
 * the longer run's end), painted by the export painter, with their numbers
 * and B against A: the contrast a claim rests on (GIL threads against plain
 * threads, threads against processes) at a glance.
 */
export interface ComparedRun {
  run: SessionRun;
  trace: Trace;
}

export const RunCompare = memo(function RunCompare({ pair, titles, theme, onClose }: { pair: readonly ComparedRun[]; titles: readonly string[]; theme: Theme; onClose: () => void }) {
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const [a, b] = pair;
  useEffect(() => {
    if (!a || !b) return;
    const toMs = Math.max(a.trace.run.wallMs, b.trace.run.wallMs, 1);
    [a, b].forEach((run, i) => {
      const canvas = canvases.current[i];
      if (!canvas) return;
      const width = Math.max(480, Math.floor(canvas.parentElement?.clientWidth ?? 800));
      try {
        paintPicture(buildPicture(run.trace, { width, height: PICTURE_HEIGHT, fromMs: 0, toMs, theme, views: 'both' }), canvas as unknown as PaintSurface, makeSurface);
      } catch {
        /* a run too short to draw keeps its empty canvas; its numbers still show */
      }
    });
  }, [a, b, theme]);
  if (!a || !b) return null;
  const rows = runDeltas(a.trace, b.trace);
  return (
    <section className="run-compare" aria-label="Two runs on the same time axis" data-testid="run-compare">
      <div className="verdict-compare-head">
        <h2>
          Compare: A {titles[0]} · B {titles[1]}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <table className="run-deltas">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">B against A</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td className="num">{r.a}</td>
              <td className="num">{r.b}</td>
              <td className="num">{r.delta ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {[a, b].map((run, i) => (
        <figure key={run.run.runId} className="run-compare-picture">
          <figcaption>
            {i === 0 ? 'A' : 'B'}: {titles[i]} · {run.run.what}
          </figcaption>
          <canvas
            ref={(el) => {
              canvases.current[i] = el;
            }}
            role="img"
            aria-label={`Timeline of run ${i === 0 ? 'A' : 'B'}, ${titles[i]}, on the same time axis as the other`}
          />
        </figure>
      ))}
    </section>
  );
});
