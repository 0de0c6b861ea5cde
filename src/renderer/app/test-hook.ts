import { pack, THEME_COLORS } from '../../timeline/colors';
import type { TimelineViewKind } from '../../timeline/lane-builder';
import type { TimelineHandle } from '../timeline/TimelineView';
import type { StripHandle } from '../timeline/ParallelismStrip';
import type { FrameScheduler } from '../timeline/scheduler';
import { xorshift32 } from '../../timeline/xorshift';
import type { TimelineViewState } from '../timeline/view-state';
import type { AppController } from './controller';
import { factsAt } from '../../timeline/replay/facts-at';
import type { ReplayClock } from '../../timeline/replay/replay-clock';

/**
 * window.__corelanesBench: read-only views of the model and a few levers for
 * e2e tests and benchmarks (synchronous draws, synthetic bulk appends). It
 * holds no secrets and sends nothing to the engine.
 */
export function installTestHook(controller: AppController, view: TimelineViewState, scheduler: FrameScheduler, handles: Map<TimelineViewKind, TimelineHandle>, clock: ReplayClock, strip: { current: StripHandle | null } = { current: null }) {
  const model = controller.model;
  const hook = {
    model,
    view,
    scheduler,
    /** The replay: its state, and what the panels show at its time. */
    /** The replay clock itself (tests start it at a known time). */
    clock,
    /** What the metrics panel shows at a replay time (benchmarks time it with each scrubbed frame). */
    factsAt: (t: number) => factsAt(model, t),
    replay: () => ({ ...clock.state, untilMs: view.untilMs, facts: clock.state.tMs === null ? null : factsAt(model, clock.state.tMs) }),
    /** Summary the e2e tests assert on. */
    state() {
      return {
        runId: model.runId,
        endMs: model.endMs,
        segments: model.segments.length,
        tasks: model.tasks.map((t) => ({ id: t.id, kind: t.kind, pid: t.pid, tid: t.tid, label: t.label, exitReason: t.exitReason, startedMs: t.startedMs })),
        coreLaneSegments: model.coreLanes.map((l) => l.length),
        /** Task indices in Tasks-view lane order. */
        taskOrder: [...model.taskOrder()],
        coreCount: model.coreCount(),
        following: view.following,
        viewport: { ...view.viewport },
        selectedTask: view.selectedTask,
        rejectedFrames: (controller.client as { rejectedFrames?: number }).rejectedFrames ?? 0,
        frames: scheduler.frames,
        status: controller.store.get().status,
        /** pids of the real CPythons with an inferred GIL lane, and how many wrapper processes are folded. */
        inferredGilPids: model.inferredGil.map((g) => g.pid),
        wrappers: model.wrappers.size,
      };
    },
    /** Records every scheduled frame's work time, including a forced raster flush of each canvas (DESIGN.md section 10). */
    recordFrames(on: boolean): number[] {
      const recorded = scheduler.timings ?? [];
      if (on) {
        scheduler.timings = [];
        scheduler.afterFrame = () => {
          for (const c of document.querySelectorAll<HTMLCanvasElement>('canvas[data-testid^="timeline-"]')) c.getContext('2d')?.getImageData(0, 0, 1, 1);
        };
      } else {
        scheduler.timings = null;
        scheduler.afterFrame = null;
      }
      return recorded;
    },
    /** What the parallelism strip drew last: per-column running tasks over its window (drawn now first). */
    parallelism() {
      scheduler.request();
      return strip.current?.last() ?? null;
    },
    coreBusyShare: (core: number, t0: number, t1: number) => model.coreBusyShare(core, t0, t1),
    /** Draws a view now and forces Chromium to rasterise (getImageData), returning wall ms. */
    drawNow(kind: TimelineViewKind = 'tasks'): number {
      const h = handles.get(kind);
      const t = performance.now();
      h?.drawNow();
      const canvas = document.querySelector<HTMLCanvasElement>(`canvas[data-testid="timeline-${kind}"]`);
      canvas?.getContext('2d')?.getImageData(0, 0, 1, 1);
      return performance.now() - t;
    },
    /** Share of a lane's plot pixels, read back from the canvas, that are not the empty-lane colour. */
    laneFill(kind: TimelineViewKind, lane: number, fromMs?: number, toMs?: number): number {
      const h = handles.get(kind);
      h?.drawNow();
      const l = h?.layout();
      const canvas = document.querySelector<HTMLCanvasElement>(`canvas[data-testid="timeline-${kind}"]`);
      const ctx = canvas?.getContext('2d');
      if (!l || !canvas || !ctx || lane >= l.laneCount) return -1;
      const dpr = canvas.width / Math.max(1, canvas.clientWidth);
      // Optionally only the columns of a time range (e.g. after a replay's playhead).
      const left = fromMs === undefined ? l.plotLeft : Math.max(l.plotLeft, Math.ceil(l.x(fromMs)));
      const right = toMs === undefined ? l.plotLeft + l.plotWidth : Math.min(l.plotLeft + l.plotWidth, Math.floor(l.x(toMs)));
      if (right <= left) return 0;
      const x = Math.round(left * dpr);
      const y = Math.round((l.lanesTop + lane * l.laneStep) * dpr);
      const w = Math.round((right - left) * dpr);
      const hh = Math.max(1, Math.round(l.laneHeight * dpr));
      const data = new Uint32Array(ctx.getImageData(x, y, w, hh).data.buffer);
      const empty = pack(THEME_COLORS[view.theme].lane);
      let filled = 0;
      for (let i = 0; i < data.length; i++) if (data[i] !== empty) filled++;
      return filled / data.length;
    },
    /** Time at a CSS x of a view (tests place clicks and ranges with it). */
    timeAt: (kind: TimelineViewKind, x: number) => handles.get(kind)?.layout()?.x.invert(x) ?? null,
    paintCounts: (kind: TimelineViewKind = 'tasks') => handles.get(kind)?.paintCounts() ?? null,
    /** The Tasks view's marks as drawn: where (canvas px), which task, spawn/exit/crash, the tooltip's first line. */
    marks: () => (handles.get('tasks')?.marks() ?? []).map((p) => ({ kind: p.mark.kind, task: p.mark.task, x: p.x, y: p.y, size: p.size, title: p.mark.lines[0] ?? '' })),
    layout: (kind: TimelineViewKind = 'tasks') => {
      const l = handles.get(kind)?.layout();
      return l ? { plotLeft: l.plotLeft, plotWidth: l.plotWidth, lanesTop: l.lanesTop, laneHeight: l.laneHeight, laneStep: l.laneStep, laneCount: l.laneCount, contentHeight: l.contentHeight } : null;
    },
    /**
     * Appends `count` synthetic segments spread over `lanes` tasks in [fromMs, toMs), for benchmarks only.
     * Tasks are created as needed (kind "thread", one address space per 8 lanes).
     */
    appendSynthetic(lanes: number, count: number, fromMs: number, toMs: number, seed = 1) {
      while (model.tasks.length < lanes) {
        const i = model.tasks.length;
        model.upsertTask({
          id: `bench-${i}`,
          kind: 'thread',
          label: `bench ${i}`,
          pid: 1000 + (i >> 3),
          tid: 2000 + i,
          addressSpace: 1000 + (i >> 3),
          parentId: null,
          workload: 'cpu',
          requestedMs: 0,
          startedMs: 0,
          exitMs: null,
          exitReason: null,
          exitDetail: null,
        });
      }
      const rand = xorshift32(seed);
      const perLane = Math.ceil(count / lanes);
      const span = (toMs - fromMs) / perLane;
      const cores = Math.max(1, model.machine?.logicalCores ?? 2);
      for (let k = 0; k < perLane; k++) {
        for (let lane = 0; lane < lanes; lane++) {
          const s = fromMs + k * span + rand() * span * 0.1;
          const e = s + span * (0.3 + rand() * 0.6);
          const state = rand() < 0.6 ? 0 : 1 + Math.floor(rand() * 5);
          model.appendRaw(lane, s, e, state, state === 0 ? Math.floor(rand() * cores) : -1, state === 0 ? e - s : 0);
        }
      }
      model.changed();
    },
  };
  (window as unknown as { __corelanesBench: typeof hook }).__corelanesBench = hook;
  return () => {
    delete (window as unknown as { __corelanesBench?: unknown }).__corelanesBench;
  };
}
