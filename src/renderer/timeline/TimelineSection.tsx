import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { useViewValue } from './use-view-value';
import type { TimelineModel } from '../../timeline/model';
import type { FrameScheduler } from './scheduler';
import { LIVE_MAIN_SHARE } from './live-budget';
import { TimelineView, type TimelineHandle } from './TimelineView';
import { ParallelismStrip, type StripHandle } from './ParallelismStrip';
import type { TimelineViewKind } from '../../timeline/lane-builder';
import type { TimelineViewState, ViewMode } from './view-state';

interface Props {
  model: TimelineModel;
  view: TimelineViewState;
  scheduler: FrameScheduler;
  mode: ViewMode;
  onMode: (mode: ViewMode) => void;
  handles: Map<TimelineViewKind, TimelineHandle>;
  /** Receives the parallelism strip's handle (the test hook reads what it drew). */
  strip?: { current: StripHandle | null };
}

const MODES: { mode: ViewMode; label: string }[] = [
  { mode: 'cores', label: 'Cores' },
  { mode: 'tasks', label: 'Tasks' },
  { mode: 'both', label: 'Side by side' },
];

/** Keys typed into a field are not shortcuts; a checkbox (the lane filter) takes no text, so its focus keeps them. */
export function isTyping(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio')) return false;
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
}

/** The two timeline views, the view switch, follow/fit buttons and the W/S/A/D/F/0 keys. */
export function TimelineSection({ model, view, scheduler, mode, onMode, handles, strip }: Props) {
  const following = useViewValue(view, (v) => v.following);
  const colorMode = useViewValue(view, (v) => v.colorMode);
  const hideOwn = useViewValue(view, (v) => v.hideOwnThreads);
  const measureFirst = useViewValue(view, (v) => v.measureFirst);
  const holding = useViewValue(view, (v) => v.holding);
  const coreLanes = useSyncExternalStore(
    useCallback((cb: () => void) => model.onChange(cb), [model]),
    () => model.coreCount() + (model.unknownCoreLane.length > 0 || model.machine?.coresObservable === false ? 1 : 0),
  );
  const onHandle = useCallback(
    (kind: TimelineViewKind, h: TimelineHandle | null) => (h ? handles.set(kind, h) : handles.delete(kind)),
    [handles],
  );
  const sectionRef = useRef<HTMLElement>(null);
  const onStrip = useCallback((h: StripHandle | null) => {
    if (strip) strip.current = h;
  }, [strip]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (view.key(e.key, model.endMs)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view, model]);

  const taskLanes = useSyncExternalStore(
    useCallback((cb: () => void) => model.onChange(cb), [model]),
    () => model.tasks.length + (model.gilLane.length > 0 ? 1 : 0),
  );
  // "count|shown": the wrapper processes of a traced program (a pyenv shim's helpers), folded unless shown.
  const wrappers = useSyncExternalStore(
    useCallback((cb: () => void) => model.onChange(cb), [model]),
    () => `${model.wrappers.size}|${model.showWrappers}`,
  );
  const [wrapperCount, wrappersShown] = [Number(wrappers.split('|')[0]), wrappers.endsWith('true')];
  // Both views share the height in proportion to their lanes, so the lanes fill it; the cores keep room for their lanes.
  const coresStyle = { flex: `${Math.max(1, coreLanes) + 1} 1 0`, minHeight: `${Math.min(200, 40 + Math.max(1, coreLanes) * 30)}px` };
  return (
    <section className={`timeline-section mode-${mode}`} aria-label="Timeline" ref={sectionRef}>
      <div className="timeline-toolbar">
        <div className="view-switch" role="group" aria-label="Timeline view">
          {MODES.map((m) => (
            <button key={m.mode} type="button" aria-pressed={mode === m.mode} onClick={() => onMode(m.mode)}>
              {m.label}
            </button>
          ))}
        </div>
        <button type="button" aria-pressed={following} onClick={() => view.setFollowing(!following, model.endMs)} title="F">
          {following ? 'Following live' : 'Follow live (F)'}
        </button>
        <button type="button" onClick={() => view.key('0', model.endMs)} title="0">
          Fit all (0)
        </button>
        <button
          type="button"
          aria-pressed={colorMode === 'task'}
          onClick={() => view.setColorMode(colorMode === 'task' ? 'process' : 'task')}
          title="C: colour the Cores view's slices one colour per task (tell threads of one process apart), or by process (threads in shades of their process's hue). Task colours never reuse a state's colour."
          data-action="color-mode"
        >
          {colorMode === 'task' ? 'Cores: colour by task (C)' : 'Cores: colour by process (C)'}
        </button>
        <button
          type="button"
          aria-pressed={measureFirst}
          onClick={() => view.setMeasureFirst(!measureFirst)}
          title={`M: draw nothing while a run goes on, so this page takes the fewest cycles from the run it measures; the whole timeline appears when the run ends. Drawing live, the views redraw every ${Math.round(scheduler.liveGapMs)} ms: as often as keeps this page's main thread near ${LIVE_MAIN_SHARE * 100}% of a core, for the frame cost measured on this machine (${scheduler.frameCost.value === null ? 'not measured yet' : `${scheduler.frameCost.value.toFixed(1)} ms a frame`}).`}
          data-action="measure-first"
        >
          {measureFirst ? 'Measure first, draw after (M)' : 'Draw live (M)'}
        </button>
        <label className="lane-filter" title="Hide the lanes of Corelanes' own main and sampler threads: only the run's workers are shown (on by default in presentation mode)">
          <input type="checkbox" checked={hideOwn} onChange={(e) => view.setHideOwnThreads(e.target.checked)} />
          Hide Corelanes' own threads
        </label>
        {wrapperCount > 0 && (
          <button
            type="button"
            aria-pressed={wrappersShown}
            onClick={() => model.setShowWrappers(!wrappersShown)}
            title="Processes whose only role was to start the program (a pyenv shim's bash helpers, a shell that waits for it): folded into the program's lane"
          >
            {wrappersShown ? `Fold ${wrapperCount} wrapper process${wrapperCount === 1 ? '' : 'es'}` : `Show ${wrapperCount} wrapper process${wrapperCount === 1 ? '' : 'es'}`}
          </button>
        )}
        <span className="keys muted">W/S zoom · A/D pan · wheel, drag, pinch · click a slice to select its task · C colours · M measure first · B side panel</span>
      </div>
      <div className="timeline-views">
        {holding && (
          <div className="measure-first-cover" role="status" data-testid="measure-first-cover">
            <p>
              <strong>Measuring first.</strong> Nothing is drawn while the run goes on, so this page takes fewer cycles from it. The
              whole timeline appears when the run ends. <span className="muted">M draws live.</span>
            </p>
          </div>
        )}
        {mode !== 'tasks' && (
          <div className="timeline-pane cores-pane" style={mode === 'both' ? coresStyle : undefined}>
            <h3 className="pane-title">Cores</h3>
            <TimelineView kind="cores" model={model} view={view} scheduler={scheduler} onHandle={onHandle} />
          </div>
        )}
        <ParallelismStrip model={model} view={view} scheduler={scheduler} onHandle={onStrip} />
        {mode !== 'cores' && (
          <div className="timeline-pane tasks-pane" style={mode === 'both' ? { flex: `${Math.max(1, taskLanes) + 1} 1 0` } : undefined}>
            <h3 className="pane-title">Tasks</h3>
            <TimelineView kind="tasks" model={model} view={view} scheduler={scheduler} onHandle={onHandle} />
          </div>
        )}
      </div>
    </section>
  );
}
