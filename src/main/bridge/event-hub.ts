import type { BridgeEvent, Disposer } from '../../shared';

/** Fans events out to listeners; a listener that throws is logged and does not stop the others. */
export class EventHub {
  private readonly listeners = new Set<(event: BridgeEvent) => void>();

  constructor(private readonly log: (line: string) => void) {}

  subscribe(listener: (event: BridgeEvent) => void): Disposer {
    // Wrapped so the same function subscribed twice gets two independent disposers.
    const entry = (event: BridgeEvent): void => listener(event);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  emit(event: BridgeEvent): void {
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
  }

  get size(): number {
    return this.listeners.size;
  }
}
