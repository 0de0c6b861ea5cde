import { memo } from 'react';
import type { Verdict } from '../../shared';

/** A preset's claim, whether the measured numbers support it, and the numbers. */
export const VerdictCard = memo(function VerdictCard({ verdict }: { verdict: Verdict | null }) {
  if (!verdict) return null;
  const word = verdict.supported === true ? 'Supported' : verdict.supported === 'partly' ? 'Partly supported' : 'Not supported';
  return (
    <section className={`panel verdict verdict-${String(verdict.supported)}`} aria-labelledby="verdict-title">
      <h2 id="verdict-title">Verdict: {word}</h2>
      <p className="claim">“{verdict.claim}”</p>
      <p>{verdict.summary}</p>
      <dl className="numbers">
        {Object.entries(verdict.numbers).map(([k, v]) => (
          <div key={k} className="pair">
            <dt>{k}</dt>
            <dd>{Number.isInteger(v) ? v : v.toFixed(3)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
});
