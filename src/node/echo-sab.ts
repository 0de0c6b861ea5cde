/** Layout of the message-cost shared buffer: 4 control words, one Float64 stamp, then the payload area. */
export const SAB_WORD = { seq: 0, ack: 1, length: 2 } as const;
const HEADER = 24;

export function createEchoSab(maxBytes: number): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER + maxBytes);
}

export function sabSlots(sab: SharedArrayBuffer): { words: Int32Array; stamp: Float64Array; data: Uint8Array } {
  return { words: new Int32Array(sab, 0, 4), stamp: new Float64Array(sab, 16, 1), data: new Uint8Array(sab, HEADER) };
}
