import type { BridgeEvent, Disposer } from '../../shared';

const NOT_REPLAYED = new Set<BridgeEvent['type']>(['error', 'menu', 'room', 'exercises-changed']);

type Listener = (event: BridgeEvent) => void;

/**
 * Fans events out to listeners; a listener that throws is logged and does not
 * stop the others. It also keeps the events of the latest run, from its
 * run-started on, and replays them to a new listener first: a browser that
 * joins in the middle of a run (a workshop participant following the
 * leader's machine, a reloaded page) sees the whole run, not just its end.
 */
export class EventHub {
  private readonly listeners = new Set<Listener>();
  private history: BridgeEvent[] = [];

  constructor(private readonly log: (line: string) => void) {}

  subscribe(listener: Listener): Disposer {
    // Wrapped so the same function subscribed twice gets two independent disposers.
    const entry: Listener = (event) => listener(event);
    for (const held of this.history) {
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
    if (event.type === 'run-started') this.history = [];
    // Errors and menu actions are moments, not run state: they are not replayed. The room outlives runs: a page asks getRoom.
    if (!NOT_REPLAYED.has(event.type)) this.history.push(event);
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
