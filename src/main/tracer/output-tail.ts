import { OUTPUT_TAIL_BYTES, type OutputTail } from '../../shared';

/**
 * Keeps the last `maxBytes` bytes a stream wrote, however much it writes:
 * chunks are kept until they hold twice the bound, then cut to the bound, so
 * memory stays under 2 x maxBytes. Pure (no streams): fed by push().
 */
export class OutputTailKeeper {
  private chunks: Uint8Array[] = [];
  private held = 0;
  private total = 0;

  constructor(private readonly maxBytes: number = OUTPUT_TAIL_BYTES) {}

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.total += chunk.length;
    this.chunks.push(chunk.length > this.maxBytes ? chunk.subarray(chunk.length - this.maxBytes) : chunk);
    this.held += Math.min(chunk.length, this.maxBytes);
    if (this.held > 2 * this.maxBytes) this.compact();
  }

  /** The tail so far, decoded: a UTF-8 character cut by the bound is dropped, invalid bytes become U+FFFD. */
  tail(): OutputTail {
    this.compact();
    const bytes = this.chunks[0] ?? new Uint8Array(0);
    const truncated = this.total > bytes.length;
    let start = 0;
    // A cut inside a character leaves up to 3 continuation bytes (10xxxxxx) at the front.
    if (truncated) while (start < 3 && start < bytes.length && ((bytes[start] as number) & 0xc0) === 0x80) start++;
    const text = new TextDecoder('utf-8').decode(bytes.subarray(start));
    // U+FFFD is 3 bytes for 1 invalid byte but one UTF-16 unit: the text never exceeds maxBytes units.
    return { text: text.slice(-this.maxBytes), bytes: this.total, truncated };
  }

  private compact(): void {
    if (this.chunks.length <= 1 && this.held <= this.maxBytes) return;
    const all = new Uint8Array(this.held);
    let at = 0;
    for (const c of this.chunks) {
      all.set(c, at);
      at += c.length;
    }
    const kept = all.slice(Math.max(0, all.length - this.maxBytes));
    this.chunks = [kept];
    this.held = kept.length;
  }
}
