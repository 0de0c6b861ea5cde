/** Presentation (large type) gets wider labels; lanes grow to fill the height they are given, up to 96 px (120 for a projector). */
export function laneSizing(fontPx: number): { gutter: number; maxLaneHeight: number } {
  return fontPx > 12 ? { gutter: Math.round(fontPx * 11), maxLaneHeight: 120 } : { gutter: 132, maxLaneHeight: 96 };
}
