import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A lost "}" in styles.css (a merge) swallowed every rule after it without a
// word from the build: the strip's canvas grew to 650 px and pushed the lanes
// off screen. The browser forgives; this test does not.
describe('styles.css', () => {
  const css = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'renderer', 'styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  it('closes every block it opens, in order, and holds no merge markers', () => {
    let depth = 0;
    for (const [i, ch] of [...css].entries()) {
      if (ch === '{') depth++;
      if (ch === '}') depth--;
      if (depth < 0) throw new Error(`a "}" with no block open, at character ${i}`);
      // No rule nests here (no @media blocks hold more than one level): a second level is a lost "}".
      if (depth > 2) throw new Error(`blocks nested ${depth} deep at character ${i}: a "}" is missing before`);
    }
    expect(depth).toBe(0);
    expect(css).not.toMatch(/^(<{7}|={7}|>{7})/m);
  });
  it('has no selector line inside a declaration block', () => {
    // "prop: value;" lines and selectors alternate: a line ending in "{" while a block is open (outside @-rules) is the symptom.
    let depth = 0;
    let atRule = 0;
    for (const line of css.split('\n')) {
      const t = line.trim();
      if (t.endsWith('{')) {
        if (depth > atRule) throw new Error(`a rule opens inside another: ${t}`);
        if (t.startsWith('@')) atRule = depth + 1;
        depth++;
      }
      if (t === '}' || t.endsWith('}')) {
        depth--;
        if (depth < atRule) atRule = depth;
      }
    }
    expect(depth).toBe(0);
  });
});
