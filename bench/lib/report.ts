import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type BenchRow = Record<string, string | number | boolean | null>;

export interface BenchResult {
  name: string;
  title: string;
  rows: BenchRow[];
  notes: string[];
  machine: { cores: number; node: string; date: string };
}

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** Formats rows as an aligned text table. */
export function formatTable(rows: BenchRow[]): string {
  if (rows.length === 0) return '(no rows)';
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: BenchRow[string] | undefined): string =>
    v === null || v === undefined ? '-' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
}

/** Prints the table and writes bench/results/<name>.json. */
export async function report(name: string, title: string, rows: BenchRow[], notes: string[] = []): Promise<BenchResult> {
  const { availableParallelism } = await import('node:os');
  const result: BenchResult = {
    name,
    title,
    rows,
    notes,
    machine: { cores: availableParallelism(), node: process.version, date: new Date().toISOString() },
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${name}.json`), JSON.stringify(result, null, 2));
  console.log(`\n## ${title}\n\n${formatTable(rows)}`);
  for (const n of notes) console.log(`- ${n}`);
  return result;
}
