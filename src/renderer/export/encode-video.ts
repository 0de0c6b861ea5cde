import { BufferTarget, CanvasSource, canEncodeVideo, Mp4OutputFormat, Output, QUALITY_HIGH, WebMOutputFormat } from 'mediabunny';
import type { Trace } from '../../shared';
import type { PaintSurface } from '../../timeline/canvas';
import { buildPicture, type PictureOptions } from '../../timeline/export/picture';
import { VideoFramePainter } from '../../timeline/export/frame-painter';
import { videoFrames, type VideoFormat } from '../../timeline/export/video-frames';
import type { TimelineModel } from '../../timeline/model';
import { makeCanvas } from './picture-files';

export interface PageVideoOptions extends Pick<PictureOptions, 'theme' | 'views'> {
  format: VideoFormat;
  width: number;
  height: number;
  fps: number;
  /** Run time per video time. */
  speed: number;
  fromMs: number;
  toMs: number;
}

export const NO_WEBCODECS =
  'This browser cannot encode video (no WebCodecs VideoEncoder). Save the trace and run: corelanes export TRACE --format webm';

const CODEC = { webm: 'vp9', mp4: 'avc' } as const;

/** Whether the page can encode a format at a size: WebCodecs present and the encoder takes the config. */
export async function canExport(format: VideoFormat, width: number, height: number): Promise<boolean> {
  if (typeof VideoEncoder === 'undefined') return false;
  return canEncodeVideo(CODEC[format], { width, height, bitrate: QUALITY_HIGH }).catch(() => false);
}

/**
 * The replay as a video, rendered offline and frame-exact in the page: frame
 * i is the picture of the run at its own time (videoFrames, as the CLI's),
 * painted by paintPicture on a canvas, encoded by WebCodecs (VP9 or H.264)
 * and muxed by mediabunny into WebM or MP4. Each frame waits for the encoder,
 * so a busy machine makes it slower, never jerkier. Abort: nothing is
 * returned (the muxer's buffer is dropped).
 */
export async function encodeReplay(trace: Trace, model: TimelineModel, opts: PageVideoOptions, onFrame: (done: number, total: number) => void, signal: AbortSignal): Promise<Blob | null> {
  if (typeof VideoEncoder === 'undefined') throw new Error(NO_WEBCODECS);
  const times = videoFrames(opts.fromMs, opts.toMs, opts.fps, opts.speed);
  const target = makeCanvas(opts.width, opts.height);
  const frames = new VideoFramePainter((w, h) => makeCanvas(w, h) as PaintSurface);
  const output = new Output({ format: opts.format === 'webm' ? new WebMOutputFormat() : new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
  const source = new CanvasSource(target, { codec: CODEC[opts.format], bitrate: QUALITY_HIGH, keyFrameInterval: 2 });
  output.addVideoTrack(source, { frameRate: opts.fps });
  await output.start();
  const frame = 1 / opts.fps;
  try {
    for (let i = 0; i < times.length; i++) {
      if (signal.aborted) break;
      const picture = buildPicture(trace, { width: opts.width, height: opts.height, fromMs: opts.fromMs, toMs: opts.toMs, theme: opts.theme, views: opts.views, atMs: times[i] as number, model });
      frames.paint(picture, target as PaintSurface);
      await source.add(i * frame, frame);
      onFrame(i + 1, times.length);
    }
    if (signal.aborted) {
      await output.cancel();
      return null;
    }
    await output.finalize();
  } catch (error) {
    if (output.state !== 'finalized' && output.state !== 'canceled') await output.cancel().catch(() => undefined);
    throw error;
  }
  const bytes = output.target.buffer;
  if (!bytes) throw new Error('the video encoder gave no bytes');
  return new Blob([bytes], { type: opts.format === 'webm' ? 'video/webm' : 'video/mp4' });
}
