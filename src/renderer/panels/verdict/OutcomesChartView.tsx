import type { OutcomesChart } from '../../../shared';

/** One row per case: a mark and a word (not colour alone) for "as claimed", and what happened. */
export function OutcomesChartView({ chart }: { chart: OutcomesChart }) {
  return (
    <figure className="verdict-chart">
      <figcaption>{chart.title}</figcaption>
      <ol className="outcomes">
        {chart.cases.map((c) => (
          <li key={c.label} className={c.asClaimed ? 'as-claimed' : 'not-as-claimed'}>
            <span className="outcome-mark" aria-hidden="true">
              {c.asClaimed ? '✓' : '✗'}
            </span>
            <span>
              <strong>{c.label}</strong>: {c.outcome} <span className="muted">({c.asClaimed ? 'as claimed' : 'not as claimed'})</span>
            </span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
