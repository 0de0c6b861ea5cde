import { Command, Option } from 'commander';
import { clipTrace, toChromeTraceJson, toSystrace, type FileKind, type Trace } from '../../../shared';
import { buildPicture } from '../../../timeline/export/picture';
import { pictureToSvg } from '../../../timeline/export/svg';
import { readTraceFile } from '../../files/read-trace-file';
import { EXPORT_FORMATS, parseNumberIn, parseSide, parseTimeMs, type ExportFormat } from '../export/export-options';
import { renderPng } from '../export/render-png';
import { VIDEO_LIMITS } from '../../../timeline/export/video-frames';
import { writeVideo } from '../export/write-video';
import { checkOut, outPath, writeOutFile } from '../run/out-file';

interface ExportOptions {
  format: ExportFormat;
  out?: string | true;
  from?: number;
  to?: number;
  width: number;
  height: number;
  theme: 'light' | 'dark';
  view: 'both' | 'cores' | 'tasks';
  fps: number;
  speed: number;
}

const KIND: Record<ExportFormat, FileKind> = { chrome: 'chrome', systrace: 'systrace', svg: 'svg', png: 'png', webm: 'webm', mp4: 'mp4' };

/** The file's content in a format, for a trace and a window. */
async function render(trace: Trace, opts: ExportOptions & { format: Exclude<ExportFormat, 'webm' | 'mp4'> }, fromMs: number | undefined, toMs: number | undefined): Promise<{ data: Uint8Array | string; note: string }> {
  const windowed = fromMs === undefined && toMs === undefined ? trace : clipTrace(trace, fromMs ?? 0, toMs ?? Infinity);
  switch (opts.format) {
    case 'chrome':
      return { data: toChromeTraceJson(windowed), note: 'Chrome trace event JSON: open it in ui.perfetto.dev or chrome://tracing' };
    case 'systrace': {
      const out = toSystrace(windowed);
      const left = out.unknownCore.spans ? `; ${out.unknownCore.spans} running spans on no reported core left out` : '';
      return { data: out.text, note: `systrace, ${out.switches} sched_switch lines: open it in ui.perfetto.dev for its CPU tracks${left}` };
    }
    case 'svg':
    case 'png': {
      const picture = buildPicture(trace, { width: opts.width, height: opts.height, fromMs, toMs, theme: opts.theme, views: opts.view });
      const data = opts.format === 'svg' ? pictureToSvg(picture) : await renderPng(picture);
      return { data, note: `${opts.format.toUpperCase()} ${opts.width}x${opts.height}, ${picture.sections.map((s) => `${s.lanes.length} ${s.kind} lanes`).join(', ')}` };
    }
  }
}

/** `corelanes export TRACE --format chrome|systrace|svg|png [--out FILE] [--from MS --to MS] [--width W --height H]`. */
export function exportCommand(): Command {
  return new Command('export')
    .description('turn a saved trace into a file for Perfetto (chrome, systrace), a picture of its lanes (svg, png) or a video of its replay (webm, mp4; needs ffmpeg)')
    .argument('<trace>', 'a trace saved by Corelanes (.json, or .json.gz)')
    .addOption(new Option('--format <format>', 'chrome (Chrome trace JSON: one track per task), systrace (ftrace text: Perfetto draws its CPU tracks), svg (vector lanes), png (the app\'s painter), webm (VP9) or mp4 (H.264): the replay, frame by frame').choices(EXPORT_FORMATS).makeOptionMandatory())
    .option('--out [file]', 'where to write it; default (or --out alone): <scenario>-<date>.<format suffix> in this folder')
    .option('--from <ms>', "start of the window, ms since the run's start (default 0)", parseTimeMs('--from'))
    .option('--to <ms>', "end of the window, ms since the run's start (default: the run's end)", parseTimeMs('--to'))
    .option('--width <px>', 'picture or video width (svg, png, webm, mp4; even for a video)', parseSide('--width'), 1920)
    .option('--height <px>', 'picture or video height (even for a video)', parseSide('--height'), 1080)
    .addOption(new Option('--theme <theme>', 'picture colours').choices(['light', 'dark']).default('light'))
    .addOption(new Option('--view <view>', 'which views the picture shows').choices(['both', 'cores', 'tasks']).default('both'))
    .option('--fps <n>', `video frames per second (webm, mp4; ${VIDEO_LIMITS.minFps}-${VIDEO_LIMITS.maxFps})`, parseNumberIn('--fps', VIDEO_LIMITS.minFps, VIDEO_LIMITS.maxFps, true), 30)
    .option('--speed <x>', 'run time per video time (webm, mp4): 2 plays the run twice as fast', parseNumberIn('--speed', VIDEO_LIMITS.minSpeed, VIDEO_LIMITS.maxSpeed), 1)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  corelanes export run.corelanes.json --format systrace        # then open the .systrace.txt in ui.perfetto.dev\n' +
        '  corelanes export run.corelanes.json --format png --from 200 --to 700 --width 1280 --height 720 --out slide.png\n' +
        '  corelanes export run.corelanes.json --format webm --fps 30 --speed 0.5 --out demo.webm     # slow motion, 1920x1080\n' +
        'Exit status: 0 written, 1 the trace could not be read or the file not written (one line on stderr says why).',
    )
    .action(async (tracePath: string, opts: ExportOptions) => {
      if (opts.from !== undefined && opts.to !== undefined && !(opts.to > opts.from)) throw new Error(`--to (${opts.to} ms) must be later than --from (${opts.from} ms)`);
      const video = opts.format === 'webm' || opts.format === 'mp4';
      if (video && (opts.width % 2 || opts.height % 2)) throw new Error(`a video needs an even --width and --height (its colour is stored per 2x2 pixels), not ${opts.width}x${opts.height}`);
      const target = checkOut(opts.out, 'the export');
      const trace = readTraceFile(tracePath, (notice) => process.stderr.write(`corelanes: ${notice}\n`));
      const path = outPath(target ?? { path: null, dir: process.cwd() }, trace.run, KIND[opts.format]);
      if (opts.format === 'webm' || opts.format === 'mp4') {
        const note = await writeVideo(trace, { ...opts, format: opts.format, fromMs: opts.from, toMs: opts.to }, path);
        process.stdout.write(`${note}\nwritten to ${path}\n`);
        return;
      }
      const { data, note } = await render(trace, { ...opts, format: opts.format }, opts.from, opts.to);
      writeOutFile(path, data, 'the export');
      process.stdout.write(`${note}\nwritten to ${path}\n`);
    });
}
