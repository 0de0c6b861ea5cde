import { InvalidArgumentError } from 'commander';

export const EXPORT_FORMATS = ['chrome', 'systrace', 'svg', 'png', 'webm', 'mp4'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Pictures are bounded: a 8192 x 8192 PNG is 256 MB of pixels while it is drawn. */
export const PICTURE_LIMITS = { minSide: 200, maxSide: 8192 } as const;

export function parseTimeMs(label: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`${label} must be a time in ms, not '${value}'`);
    if (n < 0) throw new InvalidArgumentError(`${label} must be at least 0 ms (times count from the run's start)`);
    return n;
  };
}

export function parseSide(label: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isInteger(n)) throw new InvalidArgumentError(`${label} must be a whole number of pixels, not '${value}'`);
    if (n < PICTURE_LIMITS.minSide || n > PICTURE_LIMITS.maxSide) throw new InvalidArgumentError(`${label} must be ${PICTURE_LIMITS.minSide}-${PICTURE_LIMITS.maxSide} pixels`);
    return n;
  };
}

/** A number within bounds, for --fps and --speed. */
export function parseNumberIn(label: string, min: number, max: number, integer = false): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new InvalidArgumentError(`${label} must be ${integer ? 'a whole number' : 'a number'}, not '${value}'`);
    if (n < min || n > max) throw new InvalidArgumentError(`${label} must be ${min}-${max}`);
    return n;
  };
}
