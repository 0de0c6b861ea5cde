/** Where each process's box goes in the Memory panel, for 1 to 64 (or more) processes. */
export interface GridGeometry {
  columns: number;
  cellWidth: number;
  cellHeight: number;
  gap: number;
  /** What a cell is wide enough to show: its name and size, its size, or nothing (all is in its tooltip). */
  label: 'name-and-size' | 'size' | 'none';
  height: number;
}

/**
 * Few processes get large, labelled boxes; many get a dense grid that still
 * reads as "this many separate memories" at a glance, instead of a treemap
 * whose boxes shrink to slivers.
 */
export function memoryGrid(count: number, width: number): GridGeometry {
  const gap = count > 16 ? 3 : 6;
  const columns = count <= 3 ? Math.max(1, count) : count === 4 ? 2 : count <= 9 ? 3 : count <= 16 ? 4 : count <= 36 ? 6 : 8;
  const cellWidth = (width - gap * (columns - 1)) / columns;
  const cellHeight = Math.round(Math.min(64, Math.max(22, cellWidth * 0.42)));
  const rows = Math.ceil(count / columns);
  return { columns, cellWidth, cellHeight, gap, label: cellWidth >= 120 ? 'name-and-size' : cellWidth >= 56 ? 'size' : 'none', height: rows > 0 ? rows * cellHeight + (rows - 1) * gap : 0 };
}
