/** Bytes of a child's stderr kept: enough for the head of a crash dump. */
const KEEP_CHARS = 16_384;

/**
 * Collects a child's stderr, so a crash dump (V8's "----- Native stack trace -----"
 * after an abort) does not land on the user's terminal, and shortens it to a
 * one-line excerpt: the first JavaScript stack frames when there is a V8 dump,
 * else the first lines. Pure.
 */
export class StderrCapture {
  private text = '';

  add(chunk: string): void {
    if (this.text.length < KEEP_CHARS) this.text += chunk.slice(0, KEEP_CHARS - this.text.length);
  }

  /** Everything captured (up to KEEP_CHARS). */
  get all(): string {
    return this.text;
  }

  excerpt(maxChars = 300): string | null {
    const lines = this.text
      .split('\n')
      .map((l) => l.replace(/^#\s*/, '').trim())
      .filter(Boolean);
    if (lines.length === 0) return null;
    const native = lines.findIndex((l) => /^-+ Native stack trace -+$/.test(l));
    const js = lines.findIndex((l) => /^-+ JavaScript stack trace -+$/.test(l));
    // A V8 dump: what was written before it, then its first JavaScript frames (the native addresses say little).
    const picked =
      native >= 0 ? [...lines.slice(0, Math.min(native, 2)), 'V8 abort', ...(js >= 0 ? lines.slice(js + 1, js + 3) : [])] : lines.slice(0, 3);
    const one = picked.join(' | ');
    return one.length > maxChars ? `${one.slice(0, maxChars - 3)}...` : one;
  }
}
