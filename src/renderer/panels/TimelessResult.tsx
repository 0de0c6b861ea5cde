import { memo } from 'react';
import type { Scenario, Verdict } from '../../shared';
import { VerdictCard } from './verdict';

/**
 * In place of the timeline, for a preset that measures outside a timeline
 * run (message cost, races, pools): an empty timeline, "0 workers" and a
 * wall time of 0 would say something false, so this says what it does and
 * shows its verdict, charts included, where the timeline would be.
 */
export const TimelessResult = memo(function TimelessResult({ scenario, running, verdict }: { scenario: Scenario; running: boolean; verdict: Verdict | null }) {
  return (
    <section className="timeless-result" aria-label={`${scenario.title}: result`} data-testid="timeless-result">
      <p className="timeless-note">
        <strong>{scenario.title}</strong> has no timeline: it measures with small programs of its own, outside a timeline run.{' '}
        {running ? 'Measuring… its verdict and charts appear here when it ends.' : verdict ? 'Its result is the verdict below.' : 'It ended without a verdict (stopped or failed).'}
      </p>
      <VerdictCard verdict={verdict} />
    </section>
  );
});
