import { memo } from 'react';
import type { Scenario } from '../../shared';
import { sessionRunTitle, type SessionRun } from '../app/session-runs';

/**
 * Every finished run of this session, newest first, each run of a multi-run
 * preset on its own line (crash's three cases, the GIL preset's contrasts),
 * with how its workers ended when not as planned. "Show" puts it back on the
 * timeline; the run on screen is marked; tick two to compare them.
 */
export const SessionRuns = memo(function SessionRuns({
  runs,
  shownRunId,
  live,
  scenarios,
  onShow,
  compared,
  onToggleCompare,
}: {
  runs: readonly SessionRun[];
  shownRunId: string | null;
  live: boolean;
  scenarios: readonly Scenario[];
  onShow: (runId: string) => void;
  compared: readonly string[];
  onToggleCompare: (runId: string) => void;
}) {
  if (runs.length === 0) return null;
  return (
    <section className="panel session-runs" aria-labelledby="session-runs-title" data-testid="session-runs">
      <h2 id="session-runs-title">Runs this session</h2>
      {runs.length > 1 && <p className="muted">Tick two to compare them on the same time axis.</p>}
      <ol>
        {[...runs].reverse().map((r) => {
          const shown = r.runId === shownRunId;
          return (
            <li key={r.runId} className={shown ? 'shown' : undefined}>
              {runs.length > 1 && (
                <input
                  type="checkbox"
                  checked={compared.includes(r.runId)}
                  onChange={() => onToggleCompare(r.runId)}
                  aria-label={`Compare ${sessionRunTitle(r, scenarios)}`}
                  title="Compare with another run"
                />
              )}
              <div className="session-run-text">
                <strong>{sessionRunTitle(r, scenarios)}</strong>
                <span className="muted"> · {r.what}</span>
                {r.exits && <span className="exit-unplanned"> · {r.exits}</span>}
              </div>
              <button
                type="button"
                aria-pressed={shown}
                disabled={live || shown}
                onClick={() => onShow(r.runId)}
                title={live ? 'Stop the run first: showing another run replaces the live view' : shown ? 'On the timeline now' : 'Show this run on the timeline'}
              >
                {shown ? 'Shown' : 'Show'}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
});
