import { hierarchy, treemap } from 'd3';
import { memo } from 'react';
import { formatBytes, type Task } from '../../shared';
import type { RunState } from '../app/run-state';
import { taskColors, type Theme } from '../../timeline/colors';

/** Tasks that live in Corelanes' own process: its main and sampler threads, and worker threads it hosts. */
const IN_APP = new Set(['main', 'sampler', 'thread', 'gil-thread']);

interface Space {
  pid: number;
  /** What the box is: "Corelanes" (this app's own process) or the process's own label. */
  name: string;
  rss: number;
  threads: Task[];
  sharedBytes: number;
  sharedBy: number;
}

/**
 * One box per address space, area by RSS, its tasks inside; a
 * SharedArrayBuffer shows as one band across the threads that hold it,
 * because it is the only memory JS worker threads share.
 */
export const MemoryView = memo(function MemoryView({ memory, tasks, theme }: { memory: RunState['memory']; tasks: RunState['tasks']; theme: Theme }) {
  const state = { memory, tasks };
  const colors = taskColors(state.tasks, theme);
  const colorOf = new Map(state.tasks.map((t, i) => [t.id, colors[i] ?? '#888']));
  const spaces: Space[] = Object.values(state.memory.spaces).map((s) => {
    const threads = state.tasks.filter((t) => t.addressSpace === s.addressSpace && t.kind !== 'sampler');
    const holders = threads.map((t) => state.memory.tasks[t.id]).filter((x) => (x?.sharedBytes ?? 0) > 0);
    const inSpace = state.tasks.filter((t) => t.addressSpace === s.addressSpace);
    const own = inSpace.find((t) => t.kind === 'process' || t.kind === 'python-process' || t.kind === 'command');
    const name = inSpace.some((t) => IN_APP.has(t.kind)) ? 'Corelanes' : (own?.label ?? (inSpace[0] ? `process of ${inSpace[0].label}` : 'process'));
    return {
      pid: s.addressSpace,
      name,
      rss: s.rssBytes,
      threads,
      sharedBytes: Math.max(0, ...holders.map((h) => h?.sharedBytes ?? 0), s.sharedBytes ?? 0),
      sharedBy: holders.length,
    };
  });
  const width = 320;
  const height = 170;
  if (spaces.length === 0) {
    return (
      <section className="panel memory" aria-labelledby="memory-title">
        <h2 id="memory-title">Memory</h2>
        <p className="muted">Address spaces appear here once a run reports memory.</p>
      </section>
    );
  }
  const root = hierarchy<{ children?: Space[] } | Space>({ children: spaces }, (d) => ('children' in d ? d.children : undefined)).sum((d) =>
    'rss' in d ? Math.max(d.rss, 1) : 0,
  );
  const leaves = treemap<{ children?: Space[] } | Space>().size([width, height]).padding(3).round(true)(root).leaves();
  return (
    <section className="panel memory" aria-labelledby="memory-title">
      <h2 id="memory-title">Memory</h2>
      <div className="memory-boxes" style={{ width, height }}>
        {leaves.map((leaf) => {
          const s = leaf.data as Space;
          const main = s.threads.find((t) => t.kind === 'main' || t.kind === 'process' || t.kind === 'python-process');
          return (
            <div
              key={s.pid}
              className="memory-box"
              style={{ left: leaf.x0, top: leaf.y0, width: leaf.x1 - leaf.x0, height: leaf.y1 - leaf.y0, borderColor: main ? colorOf.get(main.id) : undefined }}
              title={`${s.name === 'Corelanes' ? 'Corelanes itself' : s.name}, pid ${s.pid}`}
              aria-label={`${s.name === 'Corelanes' ? 'Corelanes itself' : s.name}, pid ${s.pid}: ${formatBytes(s.rss)} resident, ${s.threads.length} tasks`}
            >
              <div className="memory-title">
                {/* A narrow box keeps the pid and size (the name is in its label and tooltip) rather than breaking the name letter by letter. */}
                {leaf.x1 - leaf.x0 >= 100 && (
                  <>
                    <strong>{s.name === 'Corelanes' ? 'Corelanes (this app)' : s.name}</strong> ·{' '}
                  </>
                )}
                pid {s.pid} · {formatBytes(s.rss)}
              </div>
              <div className="memory-threads">
                {s.threads.map((t) => (
                  <span key={t.id} className="chip" style={{ background: colorOf.get(t.id) }} title={`${t.label} (${t.kind})`} />
                ))}
              </div>
              {s.sharedBytes > 0 && (
                <div className="shared-band" title="SharedArrayBuffer: the same memory seen by every thread holding it">
                  shared {formatBytes(s.sharedBytes)} · {s.sharedBy} threads
                </div>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
});
