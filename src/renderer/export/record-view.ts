import type { PaintSurface } from '../../timeline/canvas';
import { paintPicture } from '../../timeline/export/paint-picture';
import type { Picture } from '../../timeline/export/picture';
import { makeCanvas } from './picture-files';

/** The WebM flavours MediaRecorder may offer, best first. */
const TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

export const NO_RECORDER = 'This browser cannot record a canvas (no MediaRecorder or captureStream). Save the trace and run: corelanes export TRACE --format webm';

/** Whether this page can record its view. */
export function canRecord(): boolean {
  return typeof MediaRecorder !== 'undefined' && typeof HTMLCanvasElement.prototype.captureStream === 'function' && TYPES.some((t) => MediaRecorder.isTypeSupported(t));
}

/**
 * Records the live view: on every animation frame the views' own canvases
 * are composited onto one canvas with their headings, axes and notes (the
 * export's paintPicture, lanes taken as drawn), and MediaRecorder encodes
 * that canvas's captureStream to WebM. Live capture: frames come when the
 * page paints, so the video is as smooth as the page was (not frame-exact).
 */
export class ViewRecorder {
  private readonly canvas: HTMLCanvasElement;
  private readonly recorder: MediaRecorder;
  private readonly stream: MediaStream;
  private readonly chunks: Blob[] = [];
  private frame = 0;
  private readonly stopped: Promise<Blob>;

  /** `picture` gives the current view each frame (null: keep the last frame); `lanes` the live canvas of a view. */
  constructor(
    private readonly picture: () => Picture | null,
    private readonly lanes: (kind: string) => HTMLCanvasElement | null,
    fps = 30,
  ) {
    if (!canRecord()) throw new Error(NO_RECORDER);
    const first = picture();
    if (!first) throw new Error('No timeline is shown to record.');
    this.canvas = makeCanvas(first.width, first.height);
    this.paint(first);
    const type = TYPES.find((t) => MediaRecorder.isTypeSupported(t)) as string;
    this.stream = this.canvas.captureStream(fps);
    this.recorder = new MediaRecorder(this.stream, { mimeType: type, videoBitsPerSecond: 8_000_000 });
    this.stopped = new Promise((resolve, reject) => {
      this.recorder.ondataavailable = (e) => {
        if (e.data.size > 0) this.chunks.push(e.data);
      };
      this.recorder.onstop = () => resolve(new Blob(this.chunks, { type: 'video/webm' }));
      this.recorder.onerror = () => reject(new Error('the browser stopped recording'));
    });
    this.recorder.start(1000);
    const loop = () => {
      const p = this.picture();
      if (p) this.paint(p);
      this.frame = requestAnimationFrame(loop);
    };
    this.frame = requestAnimationFrame(loop);
  }

  private paint(picture: Picture): void {
    // The recording keeps its first size; a view resized meanwhile is drawn at the new layout's size, cut or padded.
    const size = { width: this.canvas.width, height: this.canvas.height };
    paintPicture({ ...picture, ...size }, this.canvas as PaintSurface, (w, h) => makeCanvas(w, h) as PaintSurface, { painted: (s) => this.lanes(s.kind) as PaintSurface | null });
  }

  /** Stops and gives the WebM. */
  stop(): Promise<Blob> {
    cancelAnimationFrame(this.frame);
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    for (const t of this.stream.getTracks()) t.stop();
    return this.stopped;
  }
}
