import { useCallback, useEffect, useRef, useState } from 'react';
import { defaultFileName, type FileKind } from '../../shared';
import type { TimelineViewKind } from '../../timeline/lane-builder';
import type { VideoFormat } from '../../timeline/export/video-frames';
import type { AppController } from '../app/controller';
import type { RunState } from '../app/run-state';
import { canExport, encodeReplay, NO_WEBCODECS } from '../export/encode-video';
import { pngOf, svgOf } from '../export/picture-files';
import { canRecord, NO_RECORDER, ViewRecorder } from '../export/record-view';
import { saveFile } from '../export/save-file';
import { currentViewPicture } from '../export/view-snapshot';
import type { TimelineHandle } from '../timeline/TimelineView';
import type { TimelineViewState, ViewMode } from '../timeline/view-state';

interface Props {
  controller: AppController;
  state: RunState;
  view: TimelineViewState;
  handles: Map<TimelineViewKind, TimelineHandle>;
  mode: ViewMode;
  live: boolean;
}

const SIZES = { '1080p': [1920, 1080], '720p': [1280, 720] } as const;
type Size = keyof typeof SIZES;

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Pictures and videos of the timeline: Export PNG / SVG of the current view
 * (1x or 2x), Export video (the replay, frame-exact, encoded in the page) with
 * a progress bar and Cancel, and Record video / Stop recording of the live
 * view. Keys: I PNG, V SVG, E video, R record.
 */
export function ExportBar({ controller, state, view, handles, mode, live }: Props) {
  const [scale, setScale] = useState(1);
  const [format, setFormat] = useState<VideoFormat>('webm');
  const [fps, setFps] = useState(30);
  const [size, setSize] = useState<Size>('1080p');
  const [mp4, setMp4] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [recording, setRecording] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const recorder = useRef<ViewRecorder | null>(null);
  const run = state.run;

  useEffect(() => {
    const [w, h] = SIZES[size];
    void canExport('mp4', w, h).then(setMp4);
  }, [size]);

  const fileName = useCallback((kind: FileKind) => (run ? defaultFileName(run, kind) : `corelanes${kind === 'webm' ? '.webm' : `.${kind}`}`), [run]);
  const picture = useCallback(() => currentViewPicture(handles, view, controller.model, controller.store.get().annotations, `Corelanes · ${run?.scenarioId ?? 'run'}`), [handles, view, controller, run]);

  const exportPicture = useCallback(
    async (kind: 'png' | 'svg') => {
      setError(null);
      const p = picture();
      if (!p) return setError('There is no timeline to export yet: start a run or open a trace.');
      try {
        saveFile(fileName(kind), kind === 'png' ? await pngOf(p, scale) : svgOf(p, scale));
      } catch (e) {
        setError(`Could not export the ${kind.toUpperCase()}: ${message(e)}`);
      }
    },
    [picture, fileName, scale],
  );

  const exportVideo = useCallback(async () => {
    setError(null);
    if (abort.current) return;
    if (typeof VideoEncoder === 'undefined') return setError(NO_WEBCODECS);
    const [width, height] = SIZES[size];
    if (!(await canExport(format, width, height))) return setError(format === 'mp4' ? 'This browser cannot encode H.264 here: choose WebM, or run corelanes export TRACE --format mp4' : NO_WEBCODECS);
    const trace = await controller.shownTrace();
    if (!trace) return;
    const endMs = Math.max(controller.model.endMs, trace.run.wallMs);
    const fromMs = Math.max(0, view.viewport.t0);
    const toMs = Math.min(view.viewport.t1, endMs);
    if (!(toMs > fromMs)) return setError('The timeline shows no part of the run: press 0 (Fit all) and export again.');
    const ctl = new AbortController();
    abort.current = ctl;
    setProgress({ done: 0, total: 1 });
    try {
      const speed = 1;
      const blob = await encodeReplay(trace, controller.model, { format, width, height, fps, speed, fromMs, toMs, theme: view.theme, views: mode }, (done, total) => setProgress({ done, total }), ctl.signal);
      if (blob) saveFile(fileName(format), blob);
    } catch (e) {
      setError(`Could not export the video: ${message(e)}`);
    } finally {
      abort.current = null;
      setProgress(null);
    }
  }, [controller, view, size, format, fps, mode, fileName]);

  const toggleRecording = useCallback(async () => {
    setError(null);
    const r = recorder.current;
    if (r) {
      recorder.current = null;
      setRecording(false);
      try {
        saveFile(fileName('webm'), await r.stop());
      } catch (e) {
        setError(`Could not save the recording: ${message(e)}`);
      }
      return;
    }
    if (!canRecord()) return setError(NO_RECORDER);
    try {
      recorder.current = new ViewRecorder(picture, (kind) => handles.get(kind as TimelineViewKind)?.canvas() ?? null);
      setRecording(true);
    } catch (e) {
      setError(`Could not record: ${message(e)}`);
    }
  }, [picture, handles, fileName]);

  // A recording or export going on when the page goes away stops; nothing is saved.
  useEffect(
    () => () => {
      abort.current?.abort();
      void recorder.current?.stop().catch(() => undefined);
    },
    [],
  );

  const pictures = run !== null;
  const videoOk = run !== null && !live && progress === null;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const act: Record<string, (() => void) | null> = {
        i: pictures ? () => void exportPicture('png') : null,
        v: pictures ? () => void exportPicture('svg') : null,
        e: videoOk ? () => void exportVideo() : null,
        r: pictures ? () => void toggleRecording() : null,
      };
      const f = act[e.key.toLowerCase()];
      if (!f) return;
      e.preventDefault();
      f();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pictures, videoOk, exportPicture, exportVideo, toggleRecording]);

  return (
    <div className="export-bar" role="group" aria-label="Export">
      <select aria-label="Picture scale" value={scale} onChange={(e) => setScale(Number(e.target.value))} title="Picture size: 1x the view's pixels, or 2x (sharper)">
        <option value={1}>1x</option>
        <option value={2}>2x</option>
      </select>
      <button type="button" disabled={!pictures} onClick={() => void exportPicture('png')} title="I: save the timeline as shown (window, zoom, replay time, notes) as a PNG, painted like corelanes export">
        Export PNG
      </button>
      <button type="button" disabled={!pictures} onClick={() => void exportPicture('svg')} title="V: the timeline as shown as SVG: vector lanes at the view's level of detail, one group per lane">
        Export SVG
      </button>
      <span className="export-sep" aria-hidden="true" />
      <select aria-label="Video format" value={format} onChange={(e) => setFormat(e.target.value as VideoFormat)} title="WebM (VP9) everywhere; MP4 (H.264) where this browser can encode it">
        <option value="webm">WebM</option>
        <option value="mp4" disabled={!mp4}>
          MP4{mp4 ? '' : ' (not here)'}
        </option>
      </select>
      <select aria-label="Frames per second" value={fps} onChange={(e) => setFps(Number(e.target.value))}>
        <option value={30}>30 fps</option>
        <option value={60}>60 fps</option>
      </select>
      <select aria-label="Video size" value={size} onChange={(e) => setSize(e.target.value as Size)}>
        <option value="1080p">1080p</option>
        <option value="720p">720p</option>
      </select>
      <button type="button" disabled={!videoOk} onClick={() => void exportVideo()} title="E: the replay of the window in view, rendered frame by frame (frame-exact, however busy the machine); a finished run only">
        Export video
      </button>
      {progress && (
        <span className="export-progress" role="status">
          <progress aria-label="Encoding video" max={progress.total} value={progress.done} />
          <span className="num">
            frame {progress.done}/{progress.total}
          </span>
          <button type="button" onClick={() => abort.current?.abort()} title="Stop encoding; nothing is saved">
            Cancel
          </button>
        </span>
      )}
      <button type="button" className={recording ? 'recording' : undefined} aria-pressed={recording} disabled={!pictures && !recording} onClick={() => void toggleRecording()} title="R: record the view as it is drawn, live, to WebM (as smooth as the page paints; Export video is frame-exact)">
        {recording ? 'Stop recording' : 'Record video'}
      </button>
      {error && (
        <span className="export-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
