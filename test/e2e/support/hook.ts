import type { Page } from 'playwright-core';

/** What window.__corelanesBench.state() returns (see src/renderer/app/test-hook.ts). */
export interface HookState {
  runId: string | null;
  endMs: number;
  segments: number;
  tasks: { id: string; kind: string; pid: number | null; tid: number | null; label: string; exitReason: string | null; startedMs: number | null }[];
  coreLaneSegments: number[];
  taskOrder: number[];
  coreCount: number;
  following: boolean;
  viewport: { t0: number; t1: number };
  selectedTask: number;
  rejectedFrames: number;
  frames: number;
  inferredGilPids: number[];
  wrappers: number;
  status: string;
}

export function hookState(page: Page): Promise<HookState> {
  return page.evaluate(() => (globalThis as unknown as { __corelanesBench: { state(): HookState } }).__corelanesBench.state());
}

export function coreBusy(page: Page, core: number, t0: number, t1: number): Promise<number> {
  return page.evaluate(
    ([c, a, b]) => (globalThis as unknown as { __corelanesBench: { coreBusyShare(c: number, a: number, b: number): number } }).__corelanesBench.coreBusyShare(c, a, b),
    [core, t0, t1] as const,
  );
}
