import { memo } from 'react';
import { formatValue, type Verdict } from '../../shared';

const WORDS: Record<Verdict['status'], string> = { supported: 'Supported', partly: 'Partly supported', 'not-supported': 'Not supported', inconclusive: 'Inconclusive' };

/** A preset's claim, the answer, why, and the numbers. */
export const VerdictCard = memo(function VerdictCard({ verdict }: { verdict: Verdict | null }) {
  if (!verdict) return null;
  return (
    <section className={`panel verdict verdict-${verdict.status}`} aria-labelledby="verdict-title">
      <h2 id="verdict-title">Verdict: {WORDS[verdict.status]}</h2>
      <p className="claim">“{verdict.claim}”</p>
      <p>{verdict.explanation}</p>
      <dl className="numbers">
        {verdict.numbers.map((n) => (
          <div key={n.key} className="pair">
            <dt>{n.label}</dt>
            <dd>{formatValue(n.value, n.unit)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
});
