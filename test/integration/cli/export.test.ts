import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { gzipSync, strToU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTraceFile } from '../../../src/main/files/read-trace-file';
import { defaultFileName, type Trace } from '../../../src/shared';
import { STATE_COLORS } from '../../../src/timeline/colors';
import { laneTop } from '../../../src/timeline/layout';
import { buildPicture } from '../../../src/timeline/export/picture';
import { CLI_BUNDLE } from '../../support/entries';
import { findAll, parseSvg } from '../../support/svg-doc';
import { parseSystrace } from '../../support/systrace-parse';
import { traceEventFormatProblems } from '../../support/trace-event-format';

// One real short run (3 CPU-bound processes on this machine's cores), exported in every format.
const corelanes = (...args: string[]) => spawnSync(process.execPath, [CLI_BUNDLE, ...args], { encoding: 'utf8', timeout: 120_000, cwd: dir });
const dir = mkdtempSync(join(tmpdir(), 'corelanes-export-'));
let tracePath = '';
let trace: Trace;

beforeAll(() => {
  // --out alone: the trace goes to its default name (scenario and date) in the current folder.
  const r = corelanes('run', '--kind', 'process', '--workers', '3', '--duration', '1', '--out');
  expect(r.status, r.stderr).toBe(0);
  const written = readdirSync(dir).filter((f) => f.endsWith('.corelanes.json'));
  expect(written).toHaveLength(1);
  tracePath = join(dir, written[0]!);
  trace = readTraceFile(tracePath);
  expect(written[0]).toBe(defaultFileName(trace.run));
  expect(r.stdout).toContain(`trace written to ${tracePath}`);
});

const exported = (format: string, ...extra: string[]) => {
  const out = join(dir, `out.${format}`);
  const r = corelanes('export', tracePath, '--format', format, '--out', out, ...extra);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain(`written to ${out}`);
  return out;
};

describe('corelanes export on a recorded run', () => {
  it('chrome: valid Trace Event Format, one track per task', () => {
    const doc = JSON.parse(readFileSync(exported('chrome'), 'utf8'));
    expect(traceEventFormatProblems(doc)).toEqual([]);
    expect(doc.traceEvents.filter((e: { name: string }) => e.name === 'thread_name')).toHaveLength(trace.tasks.length);
    expect(doc.traceEvents.filter((e: { ph: string }) => e.ph === 'X').length).toBe(trace.segments.filter((s) => s.endMs >= s.startMs).length);
  });

  it('systrace: parses back (as Perfetto reads it) into per-CPU runs that are the trace\'s running spans', () => {
    const text = readFileSync(exported('systrace'), 'utf8');
    const parsed = parseSystrace(text);
    expect(parsed.failures).toEqual([]);
    expect(parsed.chainBreaks).toEqual([]);
    const tidOf = new Map(trace.tasks.map((t) => [t.tid, t.id]));
    const spans = trace.segments.filter((s) => s.state === 'running' && s.core !== null);
    // Every run written lies inside a running span of that task on that core...
    for (const run of parsed.runs) {
      const id = tidOf.get(run.pid);
      const inside = spans.some((s) => s.taskId === id && s.core === run.cpu && Math.round(s.startMs * 1000) <= run.fromUs && run.toUs <= Math.round(s.endMs * 1000));
      expect(inside, `pid ${run.pid} on cpu ${run.cpu} ${run.fromUs}-${run.toUs} us`).toBe(true);
    }
    // ...and all the running time is there but for the sampling overlaps the header owns up to.
    const given = spans.reduce((a, s) => a + (Math.round(s.endMs * 1000) - Math.round(s.startMs * 1000)), 0);
    const written = parsed.runs.reduce((a, r) => a + r.toUs - r.fromUs, 0);
    const overlapMs = Number(/overlapped another on the same core \(([\d.]+) ms/.exec(text)?.[1]);
    expect(Math.abs(given - written - overlapMs * 1000)).toBeLessThan(100 + given * 1e-4);
    expect(written).toBeGreaterThan(0.8 * given);
    expect(new Set(parsed.runs.map((r) => r.cpu)).size).toBe(trace.machine.logicalCores);
  });

  it('svg: well-formed XML, one group per lane', () => {
    const doc = parseSvg(readFileSync(exported('svg'), 'utf8'));
    const lanes = findAll(doc, (n) => n.name === 'g' && n.attrs.class === 'lane');
    expect(lanes.filter((g) => g.attrs['data-lane']!.startsWith('core-'))).toHaveLength(trace.machine.logicalCores);
    expect(lanes.filter((g) => g.attrs['data-lane']!.startsWith('task-'))).toHaveLength(trace.tasks.length);
  });

  it('png: decodes at the asked size, and each core lane is as full as its core was busy', async () => {
    // A window while the workers run: from shortly after the first started, 600 ms long.
    const started = Math.min(...trace.tasks.filter((t) => t.kind === 'process').map((t) => t.startedMs ?? Infinity));
    const [width, height, from, to] = [1280, 720, Math.round(started + 100), Math.round(started + 700)];
    const png = exported('png', '--width', String(width), '--height', String(height), '--from', String(from), '--to', String(to));
    const image = await loadImage(readFileSync(png));
    expect([image.width, image.height]).toEqual([width, height]);
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const px = ctx.getImageData(0, 0, width, height).data;
    const picture = buildPicture(trace, { width, height, fromMs: from, toMs: to });
    const cores = picture.sections[0]!;
    const laneBg = [0xf1, 0xf3, 0xf5];
    cores.lanes.forEach((lane, i) => {
      const top = cores.layoutTop + laneTop(cores.layout, i);
      let painted = 0;
      let all = 0;
      for (let y = top; y < top + cores.layout.laneHeight; y++) {
        for (let x = cores.layout.plotLeft; x < cores.layout.plotLeft + cores.layout.plotWidth; x++) {
          const p = (y * width + x) * 4;
          all++;
          if ([0, 1, 2].some((k) => Math.abs((px[p + k] as number) - (laneBg[k] as number)) > 8)) painted++;
        }
      }
      const core = Number(lane.key.slice('core-'.length));
      const spans = trace.segments
        .filter((s) => s.state === 'running' && s.core === core)
        .map((s) => [Math.max(s.startMs, from), Math.min(s.endMs, to)] as const)
        .filter(([a, b]) => b > a)
        .sort((x, y) => x[0] - y[0]);
      const sum = spans.reduce((a, [x, y]) => a + y - x, 0) / (to - from);
      let union = 0;
      let end = from;
      for (const [a, b] of spans) {
        if (b > end) union += b - Math.max(a, end);
        end = Math.max(end, b);
      }
      union /= to - from;
      // A column is as full as its core was busy in it: at least the union of the spans, at most their sum
      // (the sampler can put two tasks on one core within an interval), within a pixel's rounding.
      const shown = painted / all;
      expect(shown, `core ${core}: painted ${shown}, busy ${union} (sum ${sum})`).toBeGreaterThan(union - 0.03);
      expect(shown, `core ${core}: painted ${shown}, busy ${union} (sum ${sum})`).toBeLessThan(Math.min(1, sum) + 0.03);
    });
    // Every Tasks lane shows its task running as much as it ran in the window (on a busy machine a worker may mostly wait).
    const running = STATE_COLORS.light.running.match(/\w\w/g)!.map((h) => parseInt(h, 16));
    const tasks = picture.sections[1]!;
    let ranAtAll = 0;
    tasks.lanes.forEach((lane, i) => {
      const top = tasks.layoutTop + laneTop(tasks.layout, i);
      let green = 0;
      for (let y = top; y < top + tasks.layout.laneHeight; y++) {
        for (let x = tasks.layout.plotLeft; x < tasks.layout.plotLeft + tasks.layout.plotWidth; x++) if ([0, 1, 2].every((k) => Math.abs((px[(y * width + x) * 4 + k] as number) - (running[k] as number)) < 6)) green++;
      }
      const id = lane.key.slice('task-'.length);
      const ran = trace.segments.filter((s) => s.taskId === id && s.state === 'running').reduce((a, s) => a + Math.max(0, Math.min(s.endMs, to) - Math.max(s.startMs, from)), 0) / (to - from);
      ranAtAll += ran;
      // Core numbers are written on wide running slices (white text): a little green is covered, never added.
      const shown = green / (tasks.layout.plotWidth * tasks.layout.laneHeight);
      expect(shown, `${lane.label}: ran ${ran}`).toBeLessThan(ran + 0.03);
      expect(shown, `${lane.label}: ran ${ran}`).toBeGreaterThan(ran - 0.08);
    });
    expect(ranAtAll, 'the workers ran in the window').toBeGreaterThan(0.1);
  });

  it('writes to the default name (scenario and date) when --out is not given', () => {
    const r = corelanes('export', tracePath, '--format', 'systrace');
    expect(r.status, r.stderr).toBe(0);
    const name = defaultFileName(trace.run, 'systrace');
    expect(name).toMatch(/^cpu-process-\d{4}-\d\d-\d\dT\d\d-\d\d\.systrace\.txt$/);
    expect(existsSync(join(dir, name))).toBe(true);
  });
});

/** ffprobe's count of decodable frames, size, frame rate and duration of a video file. */
function probe(file: string): { codec: string; width: number; height: number; frames: number; fps: string; duration: number } {
  const r = spawnSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height,nb_read_frames,r_frame_rate:format=duration', '-of', 'json', file], { encoding: 'utf8' });
  expect(r.status, `ffprobe (Debian's ffmpeg package) must be installed: ${r.error?.message ?? r.stderr}`).toBe(0);
  const j = JSON.parse(r.stdout) as { streams: { codec_name: string; width: number; height: number; nb_read_frames: string; r_frame_rate: string }[]; format: { duration: string } };
  const v = j.streams[0]!;
  return { codec: v.codec_name, width: v.width, height: v.height, frames: Number(v.nb_read_frames), fps: v.r_frame_rate, duration: Number(j.format.duration) };
}

describe('corelanes export --format webm|mp4: the replay, frame by frame, through ffmpeg', () => {
  it('webm: VP9 at the asked size; frames = window x fps, every one decodable; duration within a frame', () => {
    const out = exported('webm', '--from', '200', '--to', '1200', '--width', '320', '--height', '200', '--fps', '30');
    const p = probe(out);
    expect(p).toMatchObject({ codec: 'vp9', width: 320, height: 200, frames: 30, fps: '30/1' });
    expect(Math.abs(p.duration - 1)).toBeLessThanOrEqual(1 / 30);
  });

  it('mp4 at 2x: H.264, half as many frames as the window at 1x', () => {
    const out = exported('mp4', '--to', '1000', '--width', '320', '--height', '200', '--fps', '24', '--speed', '2');
    expect(probe(out)).toMatchObject({ codec: 'h264', width: 320, height: 200, frames: 12, fps: '24/1' });
  });

  it('without ffmpeg on the PATH: one line saying how to install it, exit 1, no file', () => {
    const out = join(dir, 'no-ffmpeg.webm');
    const r = spawnSync(process.execPath, [CLI_BUNDLE, 'export', tracePath, '--format', 'webm', '--width', '320', '--height', '200', '--out', out], { encoding: 'utf8', cwd: dir, env: { ...process.env, PATH: join(dir, 'empty-path') } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ffmpeg, which is not on the PATH; install it \(Debian\/Ubuntu: sudo apt-get install ffmpeg/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(dir).filter((f) => f.startsWith('no-ffmpeg'))).toEqual([]);
  });

  it('refuses an odd size and an absurd fps before reading the trace', () => {
    const odd = corelanes('export', tracePath, '--format', 'webm', '--width', '321', '--height', '200');
    expect(odd.status).toBe(1);
    expect(odd.stderr).toMatch(/even --width and --height/);
    const fps = corelanes('export', tracePath, '--format', 'mp4', '--fps', '1000');
    expect(fps.status).not.toBe(0);
    expect(fps.stderr).toMatch(/--fps must be 1-120/);
  });
});

describe('corelanes export on damaged trace files: one line, non-zero exit, nothing written', () => {
  const good = () => JSON.parse(readFileSync(tracePath, 'utf8')) as Trace & Record<string, unknown>;
  const file = (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const cases: [string, () => string, RegExp][] = [
    ['truncated', () => file('cut.json', readFileSync(tracePath, 'utf8').slice(0, 3000)), /cut\.json: This trace file ends too early/],
    ['wrong types', () => file('types.json', JSON.stringify({ ...good(), segments: [{ ...good().segments[0], core: 'zero' }] })), /segments\[0\]\.core has a wrong or missing value/],
    ['NaN times', () => {
      // JSON has no NaN: 1e999 parses to Infinity. Put it in the first segment itself (the run has startMs fields too).
      const t = good() as unknown as { segments: Record<string, unknown>[] };
      t.segments[0] = { ...t.segments[0], startMs: 'NOT_A_TIME' };
      return file('nan.json', JSON.stringify(t).replace('"NOT_A_TIME"', '1e999'));
    }, /segments\[0\]\.startMs has a wrong or missing value/],
    ['overlapping segments', () => {
      const t = good();
      const [a] = t.segments;
      t.segments.push({ ...a!, startMs: a!.startMs + (a!.endMs - a!.startMs) / 2, endMs: a!.endMs + 5 });
      return file('overlap.json', JSON.stringify(t));
    }, /overlap at/],
    ['10^7 segments claimed', () => file('claims.json', `${JSON.stringify({ ...good(), segments: [] }).replace('"segments":[]', `"segments":[${'0,'.repeat(1e7 - 1)}0]`)}`), /claims 10,000,000 segments/],
    ['unknown version', () => file('v9.json', JSON.stringify({ ...good(), version: 9 })), /format version 9, made by a newer Corelanes/],
    ['gzip bomb', () => {
      const member = gzipSync(new Uint8Array(4 * 1024 * 1024).fill(0x20), { level: 9 });
      const bomb = new Uint8Array(member.length * 100);
      for (let i = 0; i < 100; i++) bomb.set(member, i * member.length);
      return file('bomb.json.gz', bomb);
    }, /inflates to more than 384 MB of JSON/],
    ['a 2 GB file', () => {
      const path = file('big.json', '');
      truncateSync(path, 2 * 1024 ** 3);
      return path;
    }, /big\.json: This file is 2\.0 GB; Corelanes opens trace files of up to 256 MB/],
    ['not a trace', () => file('other.json', JSON.stringify({ traceEvents: [] })), /not a Corelanes trace/],
    ['gzip of garbage', () => file('junk.gz', gzipSync(strToU8('hello'))), /not a Corelanes trace: it is not JSON/],
    ['missing', () => join(dir, 'nope.json'), /cannot open .*nope\.json: there is no such file/],
  ];
  it.each(cases)('%s', (_what, make, message) => {
    const out = join(dir, `never-${_what.replace(/\W/g, '-')}.json`);
    const r = corelanes('export', make(), '--format', 'chrome', '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^corelanes: /);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['--format', 'gif'], /format.*gif.*chrome, systrace, svg, png/],
    [['--format', 'png', '--from', '500', '--to', '100'], /--to \(100 ms\) must be later than --from \(500 ms\)/],
    [['--format', 'png', '--width', '50'], /--width must be 200-8192 pixels/],
    [['--format', 'svg', '--from', 'soon'], /--from must be a time in ms, not 'soon'/],
    [['--format', 'svg', '--out', '/nonexistent-dir/x.svg'], /cannot write the export to .*nonexistent-dir/],
  ])('bad arguments %j', (args, message) => {
    const r = corelanes('export', tracePath, ...args);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
