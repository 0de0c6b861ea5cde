import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { formatMs } from '../../shared';
import { REPLAY_SPEEDS, type ReplayClock } from '../../timeline/replay/replay-clock';

/** Keys typed into a field are the field's; Space on a focused button presses that button (as everywhere). */
function isFieldKey(e: KeyboardEvent): boolean {
  const t = e.target;
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement) return true;
  if (t instanceof HTMLInputElement) return t.type !== 'range';
  return e.key === ' ' && t instanceof HTMLButtonElement;
}

/**
 * Replay of a finished or opened run: Replay/Pause, a step back and forward,
 * Speed (0.25x to 8x), and a time slider. Keys: Space play/pause, `,` `.`
 * step a frame, `[` `]` slower/faster, Escape leaves the replay. While it is
 * disabled (a run going on, or none yet) it says why instead of a time.
 */
export function ReplayBar({ clock, enabled, idleText }: { clock: ReplayClock; enabled: boolean; idleText: string }) {
  const s = useSyncExternalStore(
    useCallback((cb: () => void) => clock.onChange(cb), [clock]),
    () => clock.state,
  );

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isFieldKey(e)) return;
      const act: Record<string, () => void> = {
        ' ': () => clock.toggle(),
        ',': () => clock.step(-1),
        '.': () => clock.step(1),
        '[': () => clock.changeSpeed(-1),
        ']': () => clock.changeSpeed(1),
        Escape: () => clock.exit(),
      };
      const f = act[e.key];
      if (!f) return;
      e.preventDefault();
      f();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clock, enabled]);

  const t = s.tMs ?? s.endMs;
  const nextSpeed = REPLAY_SPEEDS[(REPLAY_SPEEDS.indexOf(s.speed as (typeof REPLAY_SPEEDS)[number]) + 1) % REPLAY_SPEEDS.length] as number;
  return (
    <div className="replay-bar" role="group" aria-label="Replay">
      <button type="button" className="primary" disabled={!enabled} onClick={() => clock.toggle()} title="Space">
        {s.playing ? 'Pause' : 'Replay'}
      </button>
      <button type="button" disabled={!enabled} onClick={() => clock.step(-1)} title="Step back one frame (,)" aria-label="Step back">
        ‹
      </button>
      <button type="button" disabled={!enabled} onClick={() => clock.step(1)} title="Step forward one frame (.)" aria-label="Step forward">
        ›
      </button>
      <button type="button" disabled={!enabled} onClick={() => clock.setSpeed(nextSpeed)} title="[ slower · ] faster" aria-label="Speed">
        Speed {s.speed}x
      </button>
      <input
        type="range"
        aria-label="Replay time"
        min={0}
        max={Math.max(1, s.endMs)}
        step="any"
        value={Math.min(t, s.endMs)}
        disabled={!enabled}
        onChange={(e) => {
          clock.pause();
          clock.seek(Number(e.target.value));
        }}
      />
      <span className="replay-time num" data-testid="replay-time">
        {!enabled ? idleText : s.tMs === null ? `${formatMs(s.endMs)} (whole run)` : `${formatMs(s.tMs)} / ${formatMs(s.endMs)}`}
      </span>
      {s.tMs !== null && (
        <button type="button" onClick={() => clock.exit()} title="Escape">
          Whole run
        </button>
      )}
    </div>
  );
}
