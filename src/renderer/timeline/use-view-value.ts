import { useCallback, useSyncExternalStore } from 'react';
import type { TimelineViewState } from './view-state';

/** One value of the shared view state (colour mode, lane filter, following...), re-rendering when it changes. */
export function useViewValue<T>(view: TimelineViewState, read: (view: TimelineViewState) => T): T {
  const subscribe = useCallback((cb: () => void) => view.onChange(cb), [view]);
  return useSyncExternalStore(subscribe, () => read(view));
}
