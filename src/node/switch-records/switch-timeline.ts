import type { LostRecord, StateHint, SwitchInOut, SwitchSegment, SwitchState, TaskRecord, TimelineInput, TimelineOutput } from './types';

interface Track {
  pid: number;
  tid: number;
  state: SwitchState;
  cpu: number | null;
  since: number;
  /**
   * False until the first record or hint: a task watched while already alive
   * may have been running or asleep when watching began. Its first switch
   * tells which (a first switch-out means it ran all along), so its span is
   * held back from cut() until then.
   */
  settled: boolean;
  ended: boolean;
  /** Closed running ns of this life of the tid. */
  runningNs: number;
}

/**
 * Pure: time-ordered switch records (and hints) in, run-length segments per
 * task out. A task runs from a switch-in to the next switch-out, on the
 * switch-in's CPU; a preempted switch-out makes it runnable, a plain one
 * asleep; a FORK starts its lane (runnable until its first switch-in), an
 * EXIT ends it. Lost records make the tasks they may concern unknown until
 * their next record: never a guess.
 */
export class SwitchTimeline {
  private readonly tasks = new Map<number, Track>();
  /** Time of the last record of each CPU (index = cpu). */
  private readonly lastOnCpu: number[] = [];
  private out: TimelineOutput = { segments: [], events: [], lost: [] };
  /** Records that contradict the task's known state (a missed switch without a LOST record). */
  anomalies = 0;

  /** A task already alive when watching began at atNs (its state then is not known yet). */
  watch(pid: number, tid: number, atNs: number): void {
    const t = this.tasks.get(tid);
    if (t && !t.ended) return;
    this.tasks.set(tid, { pid, tid, state: 'unknown', cpu: null, since: atNs, settled: false, ended: false, runningNs: 0 });
  }

  /** Inputs must come in time order (TimeMerger). */
  apply(inputs: readonly TimelineInput[]): void {
    for (const input of inputs) {
      switch (input.type) {
        case 'switch':
          this.onSwitch(input);
          break;
        case 'fork':
          this.onFork(input);
          break;
        case 'exit':
          this.onExit(input);
          break;
        case 'comm':
          this.out.events.push({ kind: 'comm', tNs: input.tNs, pid: input.pid, tid: input.tid, comm: input.comm, exec: input.exec });
          break;
        case 'lost':
          this.onLost(input);
          break;
        case 'hint':
          this.onHint(input);
          break;
      }
      if (input.type !== 'hint' && !(input.tNs <= this.lastOnCpu[input.cpu]!)) this.lastOnCpu[input.cpu] = input.tNs;
    }
  }

  /** Closes every settled task's open span at uptoNs (a batch boundary); the state goes on. */
  cut(uptoNs: number): void {
    for (const t of this.tasks.values()) {
      if (t.ended || !t.settled || t.since >= uptoNs) continue;
      this.emit(t, uptoNs);
      t.since = uptoNs;
    }
  }

  /** Closes every task at endNs; a task never settled keeps its state (unknown unless a hint told). */
  finish(endNs: number): void {
    for (const t of this.tasks.values()) {
      if (t.ended) continue;
      if (t.since < endNs) this.emit(t, endNs);
      t.since = Math.max(t.since, endNs);
    }
  }

  /** Everything produced since the last take(). */
  take(): TimelineOutput {
    const out = this.out;
    this.out = { segments: [], events: [], lost: [] };
    return out;
  }

  /** Sum of the closed running segments of a tid (its latest life, if the tid was reused), ns. */
  runningNs(tid: number): number {
    return this.tasks.get(tid)?.runningNs ?? 0;
  }

  private live(tid: number, tNs: number): Track | null {
    const t = this.tasks.get(tid);
    return t && !t.ended && tNs >= t.since ? t : null;
  }

  private onSwitch(r: SwitchInOut): void {
    let t = this.tasks.get(r.tid);
    if (t?.ended) return; // a reused tid comes with a FORK first
    if (!t) {
      // Created where its FORK was not seen (lost): its lane starts at its first record.
      t = { pid: r.pid, tid: r.tid, state: 'unknown', cpu: null, since: r.tNs, settled: true, ended: false, runningNs: 0 };
      this.tasks.set(r.tid, t);
    }
    if (r.tNs < t.since) return;
    if (!r.out) {
      if (!t.settled) t.settled = true;
      else if (t.state === 'running') {
        if (t.cpu === r.cpu) return; // the same switch-in twice (a task watched twice)
        this.anomalies++;
        t.state = 'unknown';
      }
      this.enter(t, 'running', r.cpu, r.tNs);
      return;
    }
    if (!t.settled) {
      // No switch-in since watching began: it was on this CPU all along.
      t.settled = true;
      t.state = 'running';
      t.cpu = r.cpu;
    }
    // Already off a CPU: the same switch-out twice (a task watched twice).
    if (t.state === 'running' || t.state === 'unknown') this.enter(t, r.preempt ? 'runnable' : 'asleep', null, r.tNs);
  }

  private onFork(r: TaskRecord): void {
    const known = this.tasks.get(r.tid);
    // A live task seen by records already: this FORK is a duplicate (watched twice).
    if (known && !known.ended && (known.settled || r.tNs >= known.since)) return;
    this.tasks.set(r.tid, { pid: r.pid, tid: r.tid, state: 'runnable', cpu: null, since: r.tNs, settled: true, ended: false, runningNs: 0 });
    this.out.events.push({ kind: 'born', tNs: r.tNs, pid: r.pid, tid: r.tid, ppid: r.ppid, ptid: r.ptid, thread: r.pid === r.ppid });
  }

  private onExit(r: TaskRecord): void {
    const t = this.live(r.tid, r.tNs);
    if (!t) return;
    if (!t.settled) {
      // A task writes its own EXIT record, on the CPU it runs on: no switch since watching began.
      t.settled = true;
      t.state = 'running';
      t.cpu = r.cpu;
    }
    this.emit(t, r.tNs);
    t.since = r.tNs;
    t.ended = true;
    this.out.events.push({ kind: 'exited', tNs: r.tNs, pid: r.pid, tid: r.tid });
  }

  /**
   * The ring of r.cpu overflowed between its last record and r.tNs. A task
   * running on another CPU cannot have switched there unseen; every other
   * task may have, so it is unknown from the gap's start to its next record.
   */
  private onLost(r: LostRecord): void {
    const fromNs = Math.min(this.lastOnCpu[r.cpu] ?? r.tNs, r.tNs);
    this.out.lost.push({ cpu: r.cpu, fromNs, toNs: r.tNs, records: r.lost });
    for (const t of this.tasks.values()) {
      if (t.ended || (t.state === 'running' && t.settled && t.cpu !== r.cpu)) continue;
      t.settled = true;
      this.enter(t, 'unknown', null, Math.max(t.since, fromNs));
    }
  }

  /** A hint settles only a task with no record yet: it was in that state all along. */
  private onHint(h: StateHint): void {
    const t = this.live(h.tid, h.tNs);
    if (!t || t.settled) return;
    t.settled = true;
    t.state = h.state;
    t.cpu = h.state === 'running' ? h.cpu : null;
  }

  private enter(t: Track, state: SwitchState, cpu: number | null, tNs: number): void {
    const c = state === 'running' ? cpu : null;
    if (state === t.state && c === t.cpu) return;
    if (tNs > t.since) {
      this.emit(t, tNs);
      t.since = tNs;
    }
    t.state = state;
    t.cpu = c;
  }

  private emit(t: Track, endNs: number): void {
    const seg: SwitchSegment = { pid: t.pid, tid: t.tid, startNs: t.since, endNs, state: t.state, cpu: t.state === 'running' ? t.cpu : null };
    this.out.segments.push(seg);
    if (seg.state === 'running') t.runningNs += endNs - t.since;
  }
}
