import { renameSync, rmSync } from 'node:fs';
import type { Trace } from '../../../shared';
import type { VideoFormat } from '../../../timeline/export/video-frames';
import { renderVideo, type VideoOptions } from './render-video';

type Options = Omit<VideoOptions, 'fromMs' | 'toMs' | 'format'> & { format: VideoFormat; fromMs: number | undefined; toMs: number | undefined };

/**
 * `corelanes export --format webm|mp4`: the video goes to a temp file beside
 * the target, renamed over it only when ffmpeg finished (a failed or
 * cancelled export leaves no half video). Progress on a terminal's stderr;
 * Ctrl-C cancels. Returns the one-line note the command prints.
 */
export async function writeVideo(trace: Trace, opts: Options, path: string): Promise<string> {
  const fromMs = opts.fromMs ?? 0;
  const toMs = opts.toMs ?? Math.max(trace.run.wallMs, 1);
  const temp = `${path}.partial-${process.pid}`;
  const abort = new AbortController();
  const cancel = () => abort.abort();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let shown = -1;
  try {
    const done = await renderVideo(
      trace,
      { ...opts, fromMs, toMs },
      temp,
      (i, n) => {
        const pct = Math.floor((i / n) * 100);
        if (!tty || pct === shown) return;
        shown = pct;
        process.stderr.write(`\rencoding frame ${i}/${n} (${pct}%)${i === n ? '\n' : ''}`);
      },
      abort.signal,
    );
    renameSync(temp, path);
    const took = (Date.now() - started) / 1000;
    return `${opts.format === 'webm' ? 'WebM (VP9)' : 'MP4 (H.264)'} ${opts.width}x${opts.height}, ${done.frames} frames at ${opts.fps} fps (${done.seconds.toFixed(2)} s of video, run ${Math.round(fromMs)}-${Math.round(toMs)} ms at ${opts.speed}x), rendered in ${took.toFixed(1)} s`;
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
    rmSync(temp, { force: true });
  }
}
