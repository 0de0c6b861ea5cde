import type { BridgeEvent, Disposer } from '../../shared';

/**
 * Fans events out to listeners; a listener that throws is logged and does not
 * stop the others. It also keeps the events of the latest run, from its
 * run-started on, and replays them to a new listener first: a browser that
 * joins in the middle of a run (a workshop participant following the
 * leader's machine, a reloaded page) sees the whole run, not just its end.
 */
export class EventHub {
  private readonly listeners = new Set<(event: BridgeEvent) => void>();
  private history: BridgeEvent[] = [];

  constructor(private readonly log: (line: string) => void) {}

  subscribe(listener: (event: BridgeEvent) => void): Disposer {
    // Wrapped so the same function subscribed twice gets two independent disposers.
    const entry = (event: BridgeEvent): void => listener(event);
    for (const event of this.history) {
      try {
        entry(event);
      } catch (error) {
        this.log(`bridge: an event listener threw on replayed ${event.type}: ${String(error)}`);
        break;
      }
    }
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  emit(event: BridgeEvent): void {
    if (event.type === 'run-started') this.history = [];
    // Errors and menu actions are moments, not run state: they are not replayed.
    if (event.type !== 'error' && event.type !== 'menu') this.history.push(event);
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
    this.history = [];
  }

  get size(): number {
    return this.listeners.size;
  }
}
