import { memo } from 'react';
import './verdict-card.css';
import { formatValue, type Verdict, type VerdictChart } from '../../../shared';
import { BarsChartView } from './BarsChartView';
import { LinesChartView } from './LinesChartView';
import { OutcomesChartView } from './OutcomesChartView';

/** The answer in words and a mark, so the badge never relies on its colour alone. */
export const STATUS_TEXT: Record<Verdict['status'], { word: string; mark: string; hint: string }> = {
  supported: { word: 'Supported', mark: '✓', hint: 'The measured numbers support the claim.' },
  partly: { word: 'Partly supported', mark: '◐', hint: 'The numbers support part of the claim; the sentence says which.' },
  'not-supported': { word: 'Not supported', mark: '✗', hint: 'The measured numbers contradict the claim.' },
  inconclusive: { word: 'Inconclusive', mark: '?', hint: 'This run cannot decide; the sentence says why (often a busy machine).' },
};

function Chart({ chart }: { chart: VerdictChart }) {
  if (chart.type === 'lines') return <LinesChartView chart={chart} />;
  if (chart.type === 'bars') return <BarsChartView chart={chart} />;
  return <OutcomesChartView chart={chart} />;
}

function machineLine(v: Verdict): string {
  const m = v.machine;
  return (
    `${m.cores} logical cores` +
    (m.otherCores !== null ? `; other programs used ${formatValue(m.otherCores, 'cores')} on average` : '; the machine load was not measured') +
    (m.baselineCores !== null ? `; bare busy loops got ${formatValue(m.baselineCores, 'cores')}` : '') +
    `; measured ${v.repeats.n} time${v.repeats.n === 1 ? '' : 's'}.`
  );
}

/** A preset's claim, the answer, one sentence why, its numbers and charts; every raw number one click away. */
export const VerdictCard = memo(function VerdictCard({ verdict, headingId = 'verdict-title' }: { verdict: Verdict | null; headingId?: string }) {
  if (!verdict) return null;
  const status = STATUS_TEXT[verdict.status];
  return (
    <section className={`panel verdict verdict-${verdict.status}`} aria-labelledby={headingId} data-testid="verdict-card">
      <h2 id={headingId}>
        Verdict{' '}
        <span className={`status-badge status-${verdict.status}`} title={status.hint} data-testid={headingId === 'verdict-title' ? 'verdict-status' : undefined}>
          <span aria-hidden="true">{status.mark} </span>
          {status.word}
        </span>
      </h2>
      <p className="claim">“{verdict.claim}”</p>
      <p className="explanation" data-testid={headingId === 'verdict-title' ? 'verdict-explanation' : undefined}>
        {verdict.explanation}
      </p>
      {verdict.numbers.length > 0 && (
        <dl className="verdict-numbers">
          {verdict.numbers.map((n) => (
            <div key={n.key} className="verdict-number">
              <dt>{n.label}</dt>
              <dd>{formatValue(n.value, n.unit)}</dd>
            </div>
          ))}
        </dl>
      )}
      {verdict.charts.map((c, i) => (
        <Chart key={`${c.type}${i}`} chart={c} />
      ))}
      <p className="muted machine-line">{machineLine(verdict)}</p>
      <details className="raw-numbers">
        <summary>All measured numbers ({Object.keys(verdict.raw).length})</summary>
        <dl className="numbers">
          {Object.entries(verdict.raw).map(([k, v]) => (
            <div key={k} className="pair">
              <dt>{k}</dt>
              <dd>{Number.isInteger(v) ? v : v.toPrecision(4)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
});
