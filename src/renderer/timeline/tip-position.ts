/**
 * Where a tooltip of `size` goes for a pointer at (x, y), all in viewport
 * pixels: below-right of the pointer, flipped to the other side near the
 * right or bottom edge, and always inside the viewport (a fixed-position tip
 * is never clipped by the panel it belongs to).
 */
export function placeTip(
  pointer: { x: number; y: number },
  size: { width: number; height: number },
  viewport: { width: number; height: number },
  gap = 14,
): { left: number; top: number } {
  let left = pointer.x + gap;
  if (left + size.width > viewport.width) left = pointer.x - gap - size.width;
  let top = pointer.y + gap;
  if (top + size.height > viewport.height) top = pointer.y - gap - size.height;
  const clamp = (v: number, extent: number, limit: number) => Math.max(0, Math.min(v, limit - extent));
  return { left: clamp(left, size.width, viewport.width), top: clamp(top, size.height, viewport.height) };
}
