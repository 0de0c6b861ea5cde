import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { ExerciseFrontSchema, type Exercise } from './schema';

/** A problem in one exercise file, with the 1-based line it is on. */
export interface ExerciseProblem {
  file: string;
  line: number;
  message: string;
}

export type ParsedExercise = { ok: true; exercise: Exercise } | { ok: false; problem: ExerciseProblem };

export interface ParseOptions {
  /** Preset ids that exist; a `run.preset` not among them is an error. Omitted: not checked. */
  presets?: readonly string[];
}

const FENCE = /^---[ \t]*$/;

/** Splits "---\nYAML\n---\nbody": the YAML, the line it starts on, and the body; null without front matter. */
function splitFrontMatter(text: string): { yaml: string; firstLine: number; body: string } | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) return null;
  const end = lines.findIndex((l, k) => k > 0 && FENCE.test(l));
  if (end < 0) return null;
  return { yaml: lines.slice(1, end).join('\n'), firstLine: 2, body: lines.slice(end + 1).join('\n').trim() };
}

/** The line of the deepest node on `path` that exists (a missing key points at its parent). */
function lineOfPath(doc: Document, lc: LineCounter, path: readonly PropertyKey[]): number {
  for (let n = path.length; n > 0; n--) {
    const keys = path.slice(0, n).map((k) => (typeof k === 'number' ? k : String(k)));
    const parent = n > 1 ? doc.getIn(keys.slice(0, -1), true) : doc.contents;
    // The key's own line when the parent is a map (a value may start on the next line).
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === keys[n - 1]);
      const at = pair && isNode(pair.key) ? pair.key.range?.[0] : undefined;
      if (at !== undefined) return lc.linePos(at).line;
    }
    const node = doc.getIn(keys, true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return 0;
}

/** Parses one exercise file's text. Never throws: a bad file is a problem with its file and line. */
export function parseExercise(file: string, text: string, options: ParseOptions = {}): ParsedExercise {
  const fail = (line: number, message: string): ParsedExercise => ({ ok: false, problem: { file, line, message } });
  const parts = splitFrontMatter(text);
  if (!parts) return fail(1, 'no front matter: the file must start with a line "---", the YAML, and a closing "---"');
  const lc = new LineCounter();
  const doc = parseDocument(parts.yaml, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const offset = parts.firstLine - 1;
  const yamlError = doc.errors[0];
  if (yamlError) return fail(lc.linePos(yamlError.pos[0]).line + offset, `YAML: ${yamlError.message.split('\n')[0]}`);
  const parsed = ExerciseFrontSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
    return fail(lineOfPath(doc, lc, issue.path) + offset || 1, `${where}${missing ? 'missing (required)' : issue.message}`);
  }
  const front = parsed.data;
  if ('preset' in front.run && options.presets && !options.presets.includes(front.run.preset)) {
    return fail(lineOfPath(doc, lc, ['run', 'preset']) + offset, `run.preset: unknown preset '${front.run.preset}'; known: ${options.presets.join(', ')}`);
  }
  if (!parts.body) return fail(parts.firstLine, 'the file has no text after the front matter (the participant text)');
  return { ok: true, exercise: { ...front, body: parts.body, file } };
}

/** The line of `id:` in a file's front matter (for duplicate ids), 1 when not found. */
export function lineOfId(text: string): number {
  const k = text.split(/\r?\n/).findIndex((l) => /^id\s*:/.test(l));
  return k < 0 ? 1 : k + 1;
}
