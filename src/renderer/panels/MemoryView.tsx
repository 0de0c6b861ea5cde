import { memo } from 'react';
import { formatBytes, type Task } from '../../shared';
import type { RunState } from '../app/run-state';
import { coreColors, type Theme } from '../../timeline/colors';
import type { TimelineViewState } from '../timeline/view-state';
import { useViewValue } from '../timeline/use-view-value';
import { addressSpaces, memoryGrid, memorySummary, type AddressSpace, type GridGeometry } from './memory';

const WIDTH = 320;

function sizeText(s: AddressSpace): string {
  return s.rssBytes === null ? (s.ended ? 'ended' : 'size unknown') : formatBytes(s.rssBytes);
}

function Dots({ threads, colorOf, shared }: { threads: Task[]; colorOf: Map<string, string>; shared: Set<string> }) {
  return (
    <div className="memory-threads">
      {threads.map((t) => (
        <span
          key={t.id}
          className={`thread-dot${shared.has(t.id) ? ' holds-shared' : ''}`}
          style={{ background: colorOf.get(t.id) }}
          title={`${t.label}: a thread${shared.has(t.id) ? ', holding the SharedArrayBuffer' : ''}`}
        />
      ))}
    </div>
  );
}

/** RSS against the largest address space of the run, so boxes compare at a glance whatever their number. */
function RssBar({ s, max }: { s: AddressSpace; max: number }) {
  if (s.rssBytes === null || max <= 0) return null;
  return <span className="rss-bar" style={{ width: `${Math.max(2, (100 * s.rssBytes) / max)}%` }} aria-hidden="true" />;
}

function AppBox({ s, max, colorOf }: { s: AddressSpace; max: number; colorOf: Map<string, string> }) {
  const workers = s.threads.filter((t) => t.kind !== 'main').length;
  return (
    <div className="memory-box in-app" aria-label={`Corelanes itself, pid ${s.pid}: ${sizeText(s)} resident, ${s.threads.length} threads share it`} title={`pid ${s.pid}`}>
      <div className="memory-title">
        <strong>{s.name}</strong> · {sizeText(s)}
      </div>
      <Dots threads={s.threads} colorOf={colorOf} shared={new Set(s.sharedBy)} />
      <div className="memory-note muted">{workers > 0 ? `main + ${workers} worker thread${workers === 1 ? '' : 's'}, one memory` : 'main thread'}</div>
      {s.sharedBytes > 0 && (
        <div className="shared-band" title="A SharedArrayBuffer: the same bytes seen by every thread that holds it, without copying">
          shared buffer {formatBytes(s.sharedBytes)} · {s.sharedBy.length} threads
        </div>
      )}
      <RssBar s={s} max={max} />
    </div>
  );
}

function ProcessBox({ s, max, label: shown, height, color, colorOf }: { s: AddressSpace; max: number; label: GridGeometry['label']; height: number; color: string | undefined; colorOf: Map<string, string> }) {
  const label = `${s.name}, pid ${s.pid}: ${sizeText(s)} resident, ${s.threads.length} thread${s.threads.length === 1 ? '' : 's'}, its own memory`;
  return (
    <div className={`memory-box${s.ended ? ' ended' : ''}${s.rssBytes === null ? ' unknown' : ''}`} style={{ height, borderColor: color }} aria-label={label} title={label}>
      {shown === 'name-and-size' && (
        <div className="memory-title">
          <strong>{s.name}</strong> · {sizeText(s)}
        </div>
      )}
      {shown === 'size' && <div className="memory-title">{sizeText(s)}</div>}
      <Dots threads={s.threads} colorOf={colorOf} shared={new Set(s.sharedBy)} />
      <RssBar s={s} max={max} />
    </div>
  );
}

/**
 * Address spaces at a glance, for 1 to 64 tasks: Corelanes' own process with
 * the worker threads inside it (one memory), then one box per process (each
 * its own memory). A dot is a thread in its lane colour; the bar under a box is
 * its resident memory against the run's largest.
 */
export const MemoryView = memo(function MemoryView({ memory, tasks, theme, view }: { memory: RunState['memory']; tasks: RunState['tasks']; theme: Theme; view: TimelineViewState }) {
  // Lane colours follow the Cores view's colour mode (C): so do the dots and boxes.
  const colorMode = useViewValue(view, (v) => v.colorMode);
  const colors = coreColors(tasks, theme, colorMode);
  const colorOf = new Map(tasks.map((t, i) => [t.id, colors[i] ?? '#888']));
  const spaces = addressSpaces(tasks, memory);
  const app = spaces.find((s) => s.isApp);
  const processes = spaces.filter((s) => !s.isApp);
  const max = Math.max(0, ...spaces.map((s) => s.rssBytes ?? 0));
  const grid = memoryGrid(processes.length, WIDTH);
  return (
    <section className="panel memory" aria-labelledby="memory-title" data-testid="memory-panel">
      <h2 id="memory-title">Memory</h2>
      {spaces.length === 0 ? (
        <p className="muted">Address spaces appear here once a run reports memory.</p>
      ) : (
        <>
          <p className="memory-summary">{memorySummary(spaces, tasks.filter((t) => t.addressSpace === null && t.exitMs === null).length)}</p>
          {app && <AppBox s={app} max={max} colorOf={colorOf} />}
          {processes.length > 0 && (
            <div className="memory-grid" style={{ gridTemplateColumns: `repeat(${grid.columns}, 1fr)`, gap: grid.gap }}>
              {processes.map((s) => {
                const own = s.threads.find((t) => t.kind === 'process' || t.kind === 'python-process' || t.kind === 'command');
                return <ProcessBox key={s.pid} s={s} max={max} label={grid.label} height={grid.cellHeight} color={own ? colorOf.get(own.id) : undefined} colorOf={colorOf} />;
              })}
            </div>
          )}
          <p className="memory-key muted">
            <span className="thread-dot key" /> a thread, in its lane colour · box: one address space · bar: resident memory
          </p>
        </>
      )}
    </section>
  );
});
