import { spawn } from 'node:child_process';
import type { Trace } from '../../../shared';
import { buildPicture, type PictureOptions } from '../../../timeline/export/picture';
import { VideoFramePainter } from '../../../timeline/export/frame-painter';
import { loadTraceIntoModel } from '../../../timeline/load-trace';
import { TimelineModel } from '../../../timeline/model';
import { videoFrames, type VideoFormat } from '../../../timeline/export/video-frames';

export interface VideoOptions extends Omit<PictureOptions, 'atMs' | 'model' | 'fromMs' | 'toMs'> {
  format: VideoFormat;
  fps: number;
  /** Run time per video time: 2 plays the run twice as fast. */
  speed: number;
  fromMs: number;
  toMs: number;
}

const CODECS: Record<VideoFormat, string[]> = {
  // VP9 in WebM: constant quality, fast settings (lanes are flat colour: they compress well).
  webm: ['-c:v', 'libvpx-vp9', '-crf', '36', '-b:v', '0', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-f', 'webm'],
  mp4: ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-movflags', '+faststart', '-f', 'mp4'],
};

/** Waits until a stream takes more (or closed), leaving no listener behind. */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

export const FFMPEG_MISSING =
  'video export needs ffmpeg, which is not on the PATH; install it (Debian/Ubuntu: sudo apt-get install ffmpeg; Fedora: sudo dnf install ffmpeg; macOS: brew install ffmpeg) or export --format png for pictures';

/**
 * Renders a run frame by frame, offline: frame i is the picture of the run at
 * its own time (the same painter as the app, on @napi-rs/canvas), its raw
 * RGBA pixels piped to ffmpeg, which encodes them at exactly `fps`. However
 * busy the machine, every frame shows its time: slower rendering makes the
 * export take longer, never the video jerkier.
 */
export async function renderVideo(trace: Trace, opts: VideoOptions, outFile: string, onFrame?: (done: number, total: number) => void, signal?: AbortSignal): Promise<{ frames: number; seconds: number }> {
  let napi: typeof import('@napi-rs/canvas');
  try {
    napi = await import('@napi-rs/canvas');
  } catch (error) {
    throw new Error(`video export needs @napi-rs/canvas, which did not load on this machine (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  const { width, height, fps } = opts;
  const times = videoFrames(opts.fromMs, opts.toMs, fps, opts.speed);
  const model = new TimelineModel();
  loadTraceIntoModel(model, trace);
  // Each view keeps its canvas and painter: a frame repaints only what the replay's advance changed.
  const frames = new VideoFramePainter((w, h) => napi.createCanvas(w, h));
  const target = napi.createCanvas(width, height);
  const ctx = target.getContext('2d');

  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-framerate', String(fps), '-i', 'pipe:0', '-pix_fmt', 'yuv420p', '-r', String(fps), ...CODECS[opts.format], outFile];
  const ffmpeg = spawn(process.env.CORELANES_FFMPEG ?? 'ffmpeg', args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  // ffmpeg gone (never started, failed, killed): stop feeding it; `exited` says why.
  let ended = false;
  ffmpeg.stdin.on('error', () => {
    ended = true;
  });
  ffmpeg.stderr.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-2000);
  });
  const exited = new Promise<void>((resolve, reject) => {
    ffmpeg.once('error', (e: NodeJS.ErrnoException) => {
      ended = true;
      reject(new Error(e.code === 'ENOENT' ? FFMPEG_MISSING : `could not start ffmpeg: ${e.message}`));
    });
    ffmpeg.once('close', (code, sig) => {
      ended = true;
      if (code === 0) resolve();
      else reject(new Error(signal?.aborted ? 'video export cancelled' : `ffmpeg failed (${sig ?? `exit code ${code}`}): ${stderr.trim().split('\n').at(-1) ?? ''}`));
    });
  });
  exited.catch(() => undefined); // awaited below; a failure while frames are written must not go unhandled
  const onAbort = () => ffmpeg.kill('SIGKILL');
  signal?.addEventListener('abort', onAbort);
  try {
    for (let i = 0; i < times.length; i++) {
      if (signal?.aborted || ended) break;
      const picture = buildPicture(trace, { ...opts, fromMs: opts.fromMs, toMs: opts.toMs, atMs: times[i] as number, model });
      frames.paint(picture, target);
      const pixels = ctx.getImageData(0, 0, width, height).data;
      const ok = ffmpeg.stdin.write(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength));
      if (!ok) await drained(ffmpeg.stdin);
      onFrame?.(i + 1, times.length);
    }
    ffmpeg.stdin.end();
    await exited;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (ffmpeg.exitCode === null) ffmpeg.kill('SIGKILL');
  }
  return { frames: times.length, seconds: times.length / fps };
}
