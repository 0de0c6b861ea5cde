/** A seeded xorshift32 generator in [0, 1): synthetic lanes that are the same on every run (the page's bench hook and the LOD bench). */
export function xorshift32(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}
