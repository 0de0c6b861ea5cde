import { memo } from 'react';
import type { VerdictRecord } from '../../app/verdict-history';
import { VerdictCard } from './VerdictCard';

/** Two verdicts of this session side by side, each with its numbers and charts. */
export const VerdictCompare = memo(function VerdictCompare({ pair, onClose }: { pair: readonly VerdictRecord[]; onClose: () => void }) {
  if (pair.length !== 2) return null;
  return (
    <section className="verdict-compare" aria-label="Two verdicts side by side" data-testid="verdict-compare">
      <div className="verdict-compare-head">
        <h2>Compare: {pair.map((r) => r.verdict.presetId).join(' and ')}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="verdict-compare-cards">
        {pair.map((r) => (
          <VerdictCard key={r.runId} verdict={r.verdict} headingId={`verdict-title-${r.runId}`} />
        ))}
      </div>
    </section>
  );
});
