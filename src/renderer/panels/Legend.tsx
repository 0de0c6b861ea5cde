import { memo } from 'react';
import { TASK_STATES, type Task } from '../../shared';
import { spaceColor, STATE_COLORS, STATE_LABELS, type Theme } from '../../timeline/colors';

/** What the colours mean: states (Tasks view) and one hue per address space (Cores view). */
export const Legend = memo(function Legend({ tasks, theme }: { tasks: Task[]; theme: Theme }) {
  const spaces = new Map<string, { color: string; label: string }>();
  tasks.forEach((t) => {
    const key = String(t.addressSpace ?? 'unknown');
    if (!spaces.has(key)) {
      const owner = tasks.find((x) => x.addressSpace === t.addressSpace && (x.kind === 'main' || x.kind === 'process' || x.kind === 'python-process'));
      // Without its process's own task (the app's main thread arrives at the end), name it by the threads living in it.
      const members = tasks.filter((x) => x.addressSpace === t.addressSpace).map((x) => x.label);
      // Worker threads (JS or simulated-GIL) live in Corelanes' own process, like its main and sampler threads.
      const isApp = tasks.some((x) => x.addressSpace === t.addressSpace && (x.kind === 'main' || x.kind === 'sampler' || x.kind === 'thread' || x.kind === 'gil-thread'));
      const name = isApp ? 'Corelanes, this app' : owner ? owner.label : `process of ${members.slice(0, 3).join(', ')}${members.length > 3 ? ', …' : ''}`;
      spaces.set(key, { color: spaceColor(tasks, t.addressSpace, theme), label: t.addressSpace === null ? 'address space unknown' : `pid ${t.addressSpace} (${name})` });
    }
  });
  return (
    <div className="legend" aria-label="Legend">
      <div className="legend-group">
        <span className="legend-title">Tasks view, by state:</span>
        {TASK_STATES.filter((s) => s !== 'unknown').map((s) => (
          <span key={s} className="legend-item">
            <span className="swatch" style={{ background: STATE_COLORS[theme][s] }} />
            {STATE_LABELS[s]}
          </span>
        ))}
      </div>
      {spaces.size > 0 && (
        <div className="legend-group">
          <span className="legend-title">Cores view, by address space (threads share their process's hue, lighter or darker):</span>
          {[...spaces.entries()].map(([k, v]) => (
            <span key={k} className="legend-item">
              <span className="swatch" style={{ background: v.color }} />
              {v.label}
            </span>
          ))}
        </div>
      )}
    </div>
  );
});
