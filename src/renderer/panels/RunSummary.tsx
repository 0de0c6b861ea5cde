import { memo } from 'react';
import type { RunState } from '../app/run-state';
import { formatMs, ownCost, ownCostLine } from '../../shared';

/** The app's own threads were not spawned by the run, and a traced command's tasks have no measured spawn: a time would be made up. */
const NOT_SPAWNED = new Set(['main', 'sampler', 'command']);

/** After a run: totals and one row per task, from the engine's metrics. */
export const RunSummary = memo(function RunSummary({ ended }: { ended: RunState['ended'] }) {
  if (!ended) return null;
  const m = ended.metrics;
  return (
    <section className="panel summary" aria-labelledby="summary-title" data-testid="run-summary">
      <h2 id="summary-title">Run summary</h2>
      <p>
        Run {ended.reason}.{' '}
        {m
          ? `Wall ${formatMs(m.wallMs)}, CPU ${formatMs(m.cpuMs)}, parallelism ${m.parallelism.toFixed(2)}${m.unitsPerSecond !== null ? `, ${m.unitsPerSecond.toFixed(0)} units/s` : ''}.`
          : 'The engine reported no metrics for this run.'}
      </p>
      {m && (
        <p className="muted own-cost" data-testid="own-cost">
          {ownCostLine(ownCost(m), true)}
        </p>
      )}
      {m && m.tasks.length > 0 && (
        <div className="table-scroll">
        <table>
          <caption className="muted">Each task ended {ended.reason === 'stopped' ? '“stopped”' : '“finished”'} unless its row says how.</caption>
          <thead>
            <tr>
              <th scope="col">task</th>
              <th scope="col">on CPU</th>
              <th scope="col" title="waiting for a CPU (run queue)">wait</th>
              <th scope="col">cores</th>
              <th scope="col">spawn</th>
            </tr>
          </thead>
          <tbody>
            {m.tasks.map((t) => (
              <tr key={t.taskId}>
                <th scope="row" title={`${t.label}: ${t.kind} pid ${t.pid ?? '?'} tid ${t.tid ?? '?'}, exit ${t.exitReason ?? 'unknown'}`}>
                  {t.label}
                  {t.exitReason !== ended.reason && !(t.exitReason === 'exited' && ended.reason === 'finished') && <span className="exit-note"> · {t.exitReason ?? 'exit unknown'}</span>}
                </th>
                <td>{formatMs(t.onCpuMs)}</td>
                <td>{formatMs(t.waitMs)}</td>
                <td>
                  {Object.keys(t.coreMs).length === 0
                    ? 'unknown'
                    : Object.entries(t.coreMs)
                        .filter(([, ms]) => ms > 0)
                        .map(([c]) => c)
                        .join(', ')}
                </td>
                <td title={t.spawnMs === null && !NOT_SPAWNED.has(t.kind) ? 'not measured: its first instruction was not reported' : undefined}>
                  {NOT_SPAWNED.has(t.kind) ? '–' : t.spawnMs === null ? 'unknown' : formatMs(t.spawnMs)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
});
