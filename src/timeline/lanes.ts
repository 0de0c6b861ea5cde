import type { LaneColumns } from './lane-columns';

/** A lane as the painter sees it (Perfetto-style track descriptor): data, colours, labels. */
export interface LaneDescriptor {
  key: string;
  label: string;
  /** Second line / note, e.g. "pid 123 · tid 456" or "the OS does not report cores". */
  note: string | null;
  columns: LaneColumns;
  categories: number;
  /** Packed ABGR colour per category. */
  palette: Uint32Array;
  /** Per-category strength (1 = full colour); null = all full. */
  dim: Float32Array | null;
  /** Address-space colour shown beside the label. */
  swatch: string | null;
  highlighted: boolean;
  /** The task a Tasks lane shows (null for core lanes). */
  task: number | null;
}
