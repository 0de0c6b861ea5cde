import type { Session } from '../engine/session-api';
import type { ActiveRun } from './active-run';
import { UserError, userMessage } from './messages';

/** The bridge's one run at a time: a plain run, a preset or a traced command. */
export class RunSlot {
  private active: ActiveRun | null = null;

  /** Starts the run if none is going on, keeps it until it ends, and answers with its id once it started. */
  async begin(start: () => ActiveRun, shuttingDown: () => boolean): Promise<{ runId: string }> {
    if (this.active) throw new UserError('A run is already going on: stop it before starting another');
    const run = start();
    this.active = run;
    void run.ended.then(() => this.release(run));
    try {
      const runId = await run.started;
      if (shuttingDown()) {
        await run.stop();
        throw new UserError('Corelanes is shutting down');
      }
      return { runId };
    } catch (error) {
      this.release(run);
      throw error;
    }
  }

  /** The session going on now; a clear error when there is none. */
  session(): Session {
    const session = this.active?.session();
    if (!session) throw new UserError('No run is going on: start a run first');
    return session;
  }

  async stop(): Promise<{ stopped: boolean }> {
    const run = this.active;
    if (!run) return { stopped: false };
    await run.stop();
    return { stopped: true };
  }

  /** Ends the run going on, if any, logging a failure instead of throwing (shutting down). */
  async end(log: (line: string) => void): Promise<void> {
    await this.active?.stop().catch((error: unknown) => log(`bridge: stopping the run on dispose failed: ${userMessage(error)}`));
  }

  private release(run: ActiveRun): void {
    if (this.active === run) this.active = null;
  }
}
