// Draws build/icon.png (512x512): lanes of a timeline on a dark rounded
// square, coloured like the app's address spaces. Pure Node (zlib), no deps:
// `node build/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const px = Buffer.alloc(SIZE * SIZE * 4);

function set(x, y, [r, g, b], a = 255) {
  const i = (y * SIZE + x) * 4;
  const k = a / 255;
  const back = px[i + 3] / 255;
  px[i] = Math.round(r * k + px[i] * (1 - k));
  px[i + 1] = Math.round(g * k + px[i + 1] * (1 - k));
  px[i + 2] = Math.round(b * k + px[i + 2] * (1 - k));
  px[i + 3] = Math.round(255 * (k + back * (1 - k)));
}

/** Coverage of a rounded rectangle at a pixel centre (1 px anti-aliasing). */
function roundRect(x, y, left, top, w, h, radius) {
  const cx = Math.min(Math.max(x, left + radius), left + w - radius);
  const cy = Math.min(Math.max(y, top + radius), top + h - radius);
  const d = Math.hypot(x - cx, y - cy) - radius;
  return Math.min(1, Math.max(0, 0.5 - d));
}

function fill(left, top, w, h, radius, colour) {
  for (let y = Math.floor(top) - 1; y < top + h + 1; y++)
    for (let x = Math.floor(left) - 1; x < left + w + 1; x++) {
      if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) continue;
      const c = roundRect(x + 0.5, y + 0.5, left, top, w, h, radius);
      if (c > 0) set(x, y, colour, Math.round(255 * c));
    }
}

fill(16, 16, 480, 480, 96, [17, 19, 24]);
const hues = [
  [86, 156, 214],
  [78, 201, 176],
  [220, 160, 80],
  [197, 112, 192],
];
// Four lanes; each a row of slices with gaps: tasks taking turns on cores.
const lanes = [
  [[0, 0.42], [0.5, 0.95]],
  [[0.08, 0.3], [0.36, 0.7], [0.78, 1]],
  [[0, 0.18], [0.26, 0.62], [0.7, 0.88]],
  [[0.12, 0.55], [0.63, 1]],
];
const left = 80, width = 352, laneH = 58, gap = 26, top0 = 256 - (4 * laneH + 3 * gap) / 2;
lanes.forEach((slices, lane) => {
  const top = top0 + lane * (laneH + gap);
  fill(left, top, width, laneH, 14, [36, 40, 50]);
  slices.forEach(([a, b], i) => fill(left + a * width, top, (b - a) * width, laneH, 14, hues[(lane + i) % hues.length]));
});

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) px.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`build/icon.png: ${SIZE}x${SIZE}, ${png.length} bytes`);
