import { memo } from 'react';
import type { VerdictRecord } from '../../app/verdict-history';
import { STATUS_TEXT } from './VerdictCard';

/** The session's verdicts, newest first; tick two to compare them side by side. */
export const VerdictHistory = memo(function VerdictHistory({
  verdicts,
  selected,
  onToggle,
}: {
  verdicts: readonly VerdictRecord[];
  selected: readonly string[];
  onToggle: (runId: string) => void;
}) {
  if (verdicts.length === 0) return null;
  return (
    <section className="panel verdict-history" aria-labelledby="verdict-history-title" data-testid="verdict-history">
      <h2 id="verdict-history-title">Verdicts this session</h2>
      <p className="muted">Tick two to compare them side by side.</p>
      <ol>
        {[...verdicts].reverse().map((r) => {
          const s = STATUS_TEXT[r.verdict.status];
          const id = `verdict-pick-${r.runId}`;
          return (
            <li key={r.runId}>
              <input id={id} type="checkbox" checked={selected.includes(r.runId)} onChange={() => onToggle(r.runId)} />
              <label htmlFor={id} title={r.verdict.explanation}>
                {r.verdict.presetId}: <span className={`status-word status-word-${r.verdict.status}`}>{s.mark} {s.word}</span>
              </label>
            </li>
          );
        })}
      </ol>
    </section>
  );
});
