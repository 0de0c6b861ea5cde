import { useCallback, useEffect, useState } from 'react';
import { isTyping } from '../timeline/TimelineSection';

const KEY = 'corelanes-sidebar-collapsed';

function saved(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false; // storage unavailable: start expanded
  }
}

/** The side panel's collapsed state: a button and the B key toggle it; remembered across reloads where storage allows. */
export function useSidebar(): { collapsed: boolean; toggle: () => void } {
  const [collapsed, setCollapsed] = useState(saved);
  const toggle = useCallback(() => {
    setCollapsed((c) => {
      try {
        localStorage.setItem(KEY, c ? '0' : '1');
      } catch {
        // not remembered; the toggle still works for this page
      }
      return !c;
    });
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || (e.key !== 'b' && e.key !== 'B')) return;
      e.preventDefault();
      toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle]);
  return { collapsed, toggle };
}
