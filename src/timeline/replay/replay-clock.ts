/** Replay speeds, slowest first: `[` and `]` step through them. */
export const REPLAY_SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;
/** One step of `,` and `.`: a frame of a 30 fps video, in run time. */
export const STEP_MS = 1000 / 30;

export interface ReplayClockState {
  /** The replay's time, ms since the run's start; null = not replaying (the whole run shows). */
  tMs: number | null;
  playing: boolean;
  speed: number;
  endMs: number;
}

/**
 * Play, pause, speed, seek and step through a finished run. Pure time
 * keeping: `tick(nowMs)` advances by the wall time since the last tick times
 * the speed; whoever owns a frame loop calls it (the page: requestAnimationFrame).
 */
export class ReplayClock {
  state: ReplayClockState = { tMs: null, playing: false, speed: 1, endMs: 0 };
  private lastNow: number | null = null;
  private readonly listeners = new Set<(s: ReplayClockState) => void>();

  onChange(listener: (s: ReplayClockState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A new run, or the run's length became known: not replaying. */
  reset(endMs: number): void {
    this.lastNow = null;
    this.set({ tMs: null, playing: false, speed: this.state.speed, endMs: Math.max(0, endMs) });
  }

  /** Play from where it is (from the start when it was not replaying or at the end). */
  play(): void {
    if (this.state.endMs <= 0) return;
    const t = this.state.tMs;
    this.lastNow = null;
    this.set({ ...this.state, playing: true, tMs: t === null || t >= this.state.endMs ? 0 : t });
  }

  pause(): void {
    this.lastNow = null;
    if (this.state.playing) this.set({ ...this.state, playing: false });
  }

  toggle(): void {
    if (this.state.playing) this.pause();
    else this.play();
  }

  /** Leaves replay: the whole run shows again. */
  exit(): void {
    this.lastNow = null;
    this.set({ ...this.state, tMs: null, playing: false });
  }

  seek(tMs: number): void {
    if (this.state.endMs <= 0) return;
    this.lastNow = null;
    this.set({ ...this.state, tMs: Math.max(0, Math.min(this.state.endMs, tMs)) });
  }

  /** One frame forward (+1) or back (-1); pauses. */
  step(direction: 1 | -1): void {
    if (this.state.endMs <= 0) return;
    this.pause();
    this.seek((this.state.tMs ?? (direction > 0 ? 0 : this.state.endMs)) + direction * STEP_MS);
  }

  /** Next faster (+1) or slower (-1) speed. */
  changeSpeed(direction: 1 | -1): void {
    const i = REPLAY_SPEEDS.indexOf(this.state.speed as (typeof REPLAY_SPEEDS)[number]);
    const next = REPLAY_SPEEDS[Math.max(0, Math.min(REPLAY_SPEEDS.length - 1, (i < 0 ? 2 : i) + direction))] as number;
    this.setSpeed(next);
  }

  setSpeed(speed: number): void {
    if (!(speed > 0)) return;
    this.set({ ...this.state, speed });
  }

  /** Advances a playing replay to wall time `nowMs`; stops at the end. Returns whether it is still playing. */
  tick(nowMs: number): boolean {
    const s = this.state;
    if (!s.playing || s.tMs === null) return false;
    const last = this.lastNow;
    this.lastNow = nowMs;
    if (last === null) return true;
    const t = Math.min(s.endMs, s.tMs + (nowMs - last) * s.speed);
    this.set({ ...s, tMs: t, playing: t < s.endMs });
    return t < s.endMs;
  }

  private set(next: ReplayClockState): void {
    this.state = next;
    for (const l of this.listeners) l(next);
  }
}
