/** What a look over JSON text, before parsing it, found. */
export interface JsonScan {
  /** Stops inside a string or with brackets open: a file cut short. */
  endsOpen: boolean;
  /** Deepest nesting seen (stops counting past `maxDepth`). */
  depth: number;
  /** The longest array: its item count (commas + 1: an empty one counts 1), and its key when it is a field of the top-level object. */
  longest: { items: number; key: string | null };
}

/**
 * One pass over JSON text that counts array items and nesting without
 * building anything. JSON.parse of a 300 MB `[0,0,...]` aborts the whole
 * process (V8: "invalid size error"), and a huge array of tiny items costs
 * seconds before any validation: this pass lets the reader refuse both first.
 * Assumes nothing of validity; a malformed text gives a meaningless but
 * harmless count.
 */
export function scanJson(text: string, maxDepth: number): JsonScan {
  const counts = new Float64Array(maxDepth + 1);
  const isArray = new Uint8Array(maxDepth + 1);
  let inString = false;
  let lastString = '';
  let topKey: string | null = null;
  let arrayKey: string | null = null;
  let longest = { items: 0, key: null as string | null };
  let depth = 0;
  let maxSeen = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Jump to the closing quote (native search), skipping escaped quotes.
      const start = i;
      let close = text.indexOf('"', i + 1);
      while (close !== -1 && escaped(text, close)) close = text.indexOf('"', close + 1);
      if (close === -1) {
        inString = true;
        break;
      }
      // Only a top-level object's keys matter; slicing every string would cost as much as parsing.
      if (depth === 1 && isArray[0] === 0 && close - start < 64) lastString = text.slice(start + 1, close);
      i = close;
    } else if (c === 0x3a /* : */) {
      if (depth === 1) topKey = lastString;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const array = c === 0x5b;
      if (array && depth === 1 && isArray[0] === 0) arrayKey = topKey;
      depth++;
      if (depth > maxSeen) maxSeen = depth;
      if (depth > maxDepth) break;
      counts[depth - 1] = 1;
      isArray[depth - 1] = array ? 1 : 0;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
      if (depth < 0) break;
      const n = counts[depth] as number;
      if (isArray[depth] === 1 && n > longest.items) longest = { items: n, key: depth === 1 ? arrayKey : null };
    } else if (c === 0x2c /* , */ && depth > 0 && isArray[depth - 1] === 1) {
      counts[depth - 1] = (counts[depth - 1] as number) + 1;
    }
  }
  return { endsOpen: inString || depth > 0, depth: maxSeen, longest };
}

/** Whether the quote at `at` is escaped (an odd run of backslashes before it). */
function escaped(text: string, at: number): boolean {
  let n = 0;
  for (let j = at - 1; j >= 0 && text.charCodeAt(j) === 0x5c; j--) n++;
  return (n & 1) === 1;
}
