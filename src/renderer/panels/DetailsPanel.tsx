import { useEffect, useState } from 'react';
import { formatMs, TASK_STATES } from '../../shared';
import { STATE_COLORS, STATE_LABELS, type Theme } from '../../timeline/colors';
import { rangeDetails, taskDetails } from '../../timeline/details';
import type { TimelineModel } from '../../timeline/model';
import type { TimelineViewState } from '../timeline/view-state';

/** Recomputes at most this often while the view or the data changes (a live run changes them every frame). */
const REFRESH_MS = 300;

/** A tick that moves when the view (window, selection, replay time) or the model changed, throttled. */
function useThrottledTick(view: TimelineViewState, model: TimelineModel): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poke = () => {
      timer ??= setTimeout(() => {
        timer = null;
        setTick((t) => t + 1);
      }, REFRESH_MS);
    };
    const offView = view.onChange(poke);
    const offModel = model.onChange(poke);
    return () => {
      offView();
      offModel();
      if (timer) clearTimeout(timer);
    };
  }, [view, model]);
  return tick;
}

function Bar({ parts, total }: { parts: { key: string; ms: number; color: string; label: string }[]; total: number }) {
  return (
    <div className="details-bar" aria-hidden="true">
      {parts.map((p) => (
        <span key={p.key} style={{ width: `${(100 * p.ms) / Math.max(total, 1e-9)}%`, background: p.color }} title={`${p.label}: ${formatMs(p.ms)}`} />
      ))}
    </div>
  );
}

/**
 * What the timeline shows, in numbers, for the visible window (zoom to a
 * range to measure it): the selected task's states, per-core split,
 * migrations and waits; with no task selected, the window's parallelism and
 * the tasks that used the most CPU. Like Perfetto's bottom panel.
 */
export function DetailsPanel({ view, model, theme }: { view: TimelineViewState; model: TimelineModel; theme: Theme }) {
  useThrottledTick(view, model);
  const fromMs = Math.max(0, view.viewport.t0);
  const toMs = Math.max(fromMs, Math.min(view.viewport.t1, view.untilMs ?? model.endMs));
  if (model.tasks.length === 0 || toMs <= fromMs) return null;
  const window = `${formatMs(fromMs)} – ${formatMs(toMs)} (the visible range)`;
  const task = model.tasks[view.selectedTask];
  if (task) {
    const d = taskDetails(model, view.selectedTask, fromMs, toMs);
    const total = toMs - fromMs;
    const parts = TASK_STATES.filter((s) => (d.byState[s] ?? 0) > 0).map((s) => ({ key: s, ms: d.byState[s]!, color: STATE_COLORS[theme][s], label: STATE_LABELS[s] }));
    const running = d.byState.running ?? 0;
    return (
      <section className="details-panel" aria-label={`Details of ${task.label}`} data-testid="details-panel">
        <h2>
          {task.label} <span className="muted">· {window}</span>
        </h2>
        <Bar parts={parts} total={total} />
        <dl className="details-numbers">
          {parts.map((p) => (
            <div key={p.key}>
              <dt>
                <span className="swatch" style={{ background: p.color }} /> {p.label}
              </dt>
              <dd className="num">
                {formatMs(p.ms)} ({((100 * p.ms) / total).toFixed(0)}%)
              </dd>
            </div>
          ))}
          <div>
            <dt>on CPU (kernel)</dt>
            <dd className="num">{formatMs(d.onCpuMs)}</dd>
          </div>
          <div>
            <dt>per core</dt>
            <dd className="num">{d.byCore.length === 0 ? '–' : d.byCore.map((c) => `${c.core === null ? 'unknown core' : `core ${c.core}`} ${running > 0 ? ((100 * c.ms) / running).toFixed(0) : 0}%`).join(' · ')}</dd>
          </div>
          <div>
            <dt>core changes</dt>
            <dd className="num">{d.migrations}</dd>
          </div>
          <div>
            <dt>longest wait for a CPU</dt>
            <dd className="num">{formatMs(d.longestRunnableMs)}</dd>
          </div>
          {d.longestGilWaitMs > 0 && (
            <div>
              <dt>longest wait for the GIL</dt>
              <dd className="num">{formatMs(d.longestGilWaitMs)}</dd>
            </div>
          )}
        </dl>
      </section>
    );
  }
  const r = rangeDetails(model, fromMs, toMs);
  const top = r.tasks.filter((t) => t.onCpuMs > 0).slice(0, 6);
  const most = Math.max(1e-9, ...top.map((t) => t.onCpuMs));
  return (
    <section className="details-panel" aria-label="Details of the visible range" data-testid="details-panel">
      <h2>
        Parallelism {r.parallelism.toFixed(2)} <span className="muted">· {window} · click a lane for one task&apos;s details</span>
      </h2>
      <ol className="details-top">
        {top.map((t) => (
          <li key={t.task}>
            <span className="details-name">{model.tasks[t.task]?.label}</span>
            <span className="details-cpu" style={{ width: `${(60 * t.onCpuMs) / most}%` }} />
            <span className="num">
              {formatMs(t.onCpuMs)} on CPU{t.runnableMs > 0 ? ` · ${formatMs(t.runnableMs)} waiting` : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
