/** How long quitting waits for runs to end cleanly before it ends their processes itself. */
export const QUIT_DEADLINE_MS = 3000;

export interface QuitSteps {
  /** Ends every run and process cleanly (bridge service, then engine). May hang: a preset with rigs ends only between measurements. */
  cleanup(): Promise<void>;
  /** Ends every child still running, at once; returns how many there were. */
  killChildren(): number;
  /** Leaves the app (app.exit(0): no further before-quit). */
  exit(code: number): void;
  log(line: string): void;
  deadlineMs?: number;
  /** Timers, injectable for tests. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * Quitting: the clean path races a deadline. Whichever comes first, every
 * child still running is killed, then the app exits with 0, so quitting never
 * stalls invisibly and no child outlives the app. Resolves with what
 * happened.
 */
export async function quitWithin(steps: QuitSteps): Promise<'clean' | 'deadline'> {
  const deadlineMs = steps.deadlineMs ?? QUIT_DEADLINE_MS;
  const setTimer = steps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = steps.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  const deadline = new Promise<'deadline'>((resolve) => (timer = setTimer(() => resolve('deadline'), deadlineMs)));
  const clean = steps.cleanup().then(
    () => 'clean' as const,
    (error: unknown) => {
      steps.log(`quit: cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      return 'clean' as const;
    },
  );
  const outcome = await Promise.race([clean, deadline]);
  clearTimer(timer);
  const killed = steps.killChildren();
  if (outcome === 'deadline') steps.log(`quit: runs did not end within ${deadlineMs / 1000} s; ended ${killed} process(es) and quit`);
  steps.exit(0);
  return outcome;
}
