/** Presentation (large type) gets wider labels; lanes grow to fill the height they are given, up to 96 px. */
export function laneSizing(fontPx: number): { gutter: number; maxLaneHeight: number } {
  return fontPx > 12 ? { gutter: Math.round(fontPx * 11), maxLaneHeight: 96 } : { gutter: 132, maxLaneHeight: 72 };
}
