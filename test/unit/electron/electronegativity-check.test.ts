import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without types
import { judge, parseExceptions } from '../../../scripts/check-electronegativity.mjs';

type Finding = { id: string; severity: string; confidence: string; file: string; line: string; manualReview: boolean };
const finding = (id: string, severity: string, file: string): Finding => ({ id, severity, confidence: 'FIRM', file, line: '1:0', manualReview: false });

describe('check-electronegativity', () => {
  const exceptions = parseExceptions(readFileSync('docs/security.md', 'utf8')) as { id: string; file: string; reason: string }[];

  it('reads the exceptions table of docs/security.md, each with a reason', () => {
    expect(exceptions.map((e) => e.id)).toEqual(['PRELOAD_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK']);
    expect(exceptions.every((e) => e.file === 'main/electron/main-window.ts' && e.reason.length > 40)).toBe(true);
  });

  it('fails an unexplained HIGH or MEDIUM finding, passes LOW and explained ones', () => {
    const r = judge(
      [
        finding('PRELOAD_JS_CHECK', 'MEDIUM', 'main/electron/main-window.ts'),
        finding('PRELOAD_JS_CHECK', 'MEDIUM', 'main/electron/other-window.ts'),
        finding('CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'main/electron/main-window.ts'),
        finding('CSP_GLOBAL_CHECK', 'LOW', 'renderer/index.html'),
      ],
      exceptions,
    ) as { failing: Finding[]; explained: Finding[]; unused: unknown[] };
    expect(r.failing.map((f) => `${f.id} ${f.file}`)).toEqual(['PRELOAD_JS_CHECK main/electron/other-window.ts', 'CONTEXT_ISOLATION_JS_CHECK main/electron/main-window.ts']);
    expect(r.explained.map((f) => f.id)).toEqual(['PRELOAD_JS_CHECK']);
    expect(r.unused).toHaveLength(1);
  });

  it('ignores a row without a reason', () => {
    expect(parseExceptions('## Electronegativity exceptions\n\n| check | file | reason |\n|---|---|---|\n| `X_CHECK` | `a.ts` |  |\n')).toEqual([]);
  });
});
