import type { Disposer } from '../../../shared';

/** A tiny typed event source: `add` returns its disposer. */
export function listenerSet<A extends unknown[]>() {
  const listeners = new Set<(...args: A) => void>();
  return {
    add: (listener: (...args: A) => void): Disposer => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (...args: A) => {
      for (const l of [...listeners]) l(...args);
    },
    clear: () => listeners.clear(),
  };
}
