import { select, type Selection } from 'd3';
import type { NoteBand } from '../../timeline/note-marks';

/**
 * The run's phases over a view (the spawn phase): a dashed band under the
 * notes, its label at the band's foot so it does not cover a note's tab.
 */
export function drawPhaseBands(svg: SVGSVGElement, bands: readonly NoteBand[], fontPx: number): void {
  const g = select(svg)
    .selectAll<SVGGElement, NoteBand>('g.phase')
    .data(bands, (b) => b.id)
    .join((enter) => {
      const n = enter.insert('g', ':first-child').attr('class', 'phase');
      n.append('rect').attr('class', 'phase-band');
      n.append('text').attr('class', 'phase-text');
      return n;
    });
  g.attr('data-phase', (b) => b.id);
  placeBandRects(g);
  g.select('text')
    .attr('x', (b) => b.labelX)
    .attr('y', (b) => Math.max(b.y0 + fontPx, b.y1 - Math.round(fontPx / 2)))
    .text((b) => b.label);
}

/** Each group's rect over its band's time and lanes (notes and phases alike), at least 2 px tall. */
export function placeBandRects(g: Selection<SVGGElement, NoteBand, SVGSVGElement, unknown>): void {
  g.select('rect')
    .attr('x', (b) => b.x0)
    .attr('y', (b) => b.y0)
    .attr('width', (b) => b.x1 - b.x0)
    .attr('height', (b) => Math.max(2, b.y1 - b.y0));
}
