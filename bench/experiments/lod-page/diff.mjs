// Pixels that differ between two screenshots (same size): count and bounding box.
//   node bench/experiments/lod-page/diff.mjs A.png B.png
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
const [a, b] = process.argv.slice(2).map((p) => PNG.sync.read(readFileSync(p)));
let n = 0;
let box = [Infinity, Infinity, -1, -1];
for (let y = 0; y < a.height; y++)
  for (let x = 0; x < a.width; x++) {
    const i = (y * a.width + x) * 4;
    if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2]) {
      n++;
      box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
    }
  }
console.log(`${n} of ${a.width * a.height} pixels differ (${((100 * n) / (a.width * a.height)).toFixed(2)}%)${n ? `, within x ${box[0]}-${box[2]}, y ${box[1]}-${box[3]}` : ''}`);
