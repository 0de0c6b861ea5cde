import type { BridgeEvent, Disposer } from '../../shared';
import { defaultRecorderWindow } from '../engine/recording';
import { cutMarker, isReplayed, latestOnlyKey, ReplayWindow, segmentsIn } from './replay-window';

type Listener = (event: BridgeEvent) => void;

/**
 * Fans events out to listeners; a listener that throws is logged and does not
 * stop the others. It also keeps the events of the latest run, from its
 * run-started on, and replays them to a new listener first: a browser that
 * joins in the middle of a run (a workshop participant following the
 * leader's machine, a reloaded page) sees the whole run, not just its end.
 * What it keeps is bounded like the recorder's memory (replay-window.ts): a
 * long run's late joiner gets its recent part and a marker saying what not.
 */
export class EventHub {
  private readonly listeners = new Set<Listener>();
  private readonly history: ReplayWindow<BridgeEvent>;
  private runId: string | null = null;

  constructor(
    private readonly log: (line: string) => void,
    maxReplayedSegments = defaultRecorderWindow().segments,
  ) {
    this.history = new ReplayWindow(maxReplayedSegments);
  }

  subscribe(listener: Listener): Disposer {
    // Wrapped so the same function subscribed twice gets two independent disposers.
    const entry: Listener = (event) => listener(event);
    for (const held of this.replayed()) {
      try {
        entry(held);
      } catch (error) {
        this.log(`bridge: an event listener threw on replayed ${held.type}: ${String(error)}`);
        break;
      }
    }
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  emit(event: BridgeEvent): void {
    if (event.type === 'run-started') {
      this.history.reset();
      this.runId = event.run.runId;
    }
    if (isReplayed(event)) {
      const { count, untilMs } = segmentsIn(event);
      this.history.push(event, count, untilMs, latestOnlyKey(event));
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.log(`bridge: an event listener threw on ${event.type}: ${String(error)}`);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
    this.history.reset();
  }

  /** The run so far; when its start no longer fits, a marker after run-started says so. */
  private replayed(): BridgeEvent[] {
    const items = this.history.items();
    const cut = this.history.cut;
    if (!cut || this.runId === null || items[0]?.type !== 'run-started') return items;
    return [items[0], { type: 'markers', runId: this.runId, markers: [cutMarker(cut)] }, ...items.slice(1)];
  }

  get size(): number {
    return this.listeners.size;
  }
}
