/** How long ending every run may take after an unexpected error before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 5000;
/** Errors logged after the first while shutting down; more are counted, not written (they may be the log's own). */
const MAX_LOGGED_AFTER_FIRST = 3;

export interface FatalHandlerOptions {
  /** Ends every run and its processes (WebMode.close). */
  shutdown(): Promise<void>;
  log(line: string): void;
  exit?(code: number): void;
}

/**
 * An error nobody caught (a bug) must not leave workers and traced programs
 * running without the server that watched them: log it, end every run and
 * its processes, then exit 1. Traced trees still going at exit are killed by
 * the tracer's exit hook (traced-tree.ts). Returns a remover.
 *
 * Logging itself may be what fails: stdout/stderr are pipes to whoever
 * started us (npm start, a terminal), and once that is gone every write fails
 * with EPIPE. A failing write is then a reason to stop like SIGHUP (nobody is
 * watching), never to log again: logging the write's own error re-raised it
 * on every tick and starved the shutdown (found by killing the parent).
 */
export function installFatalHandler(o: FatalHandlerOptions): () => void {
  const exit = o.exit ?? ((code: number) => process.exit(code));
  let handling = false;
  let logged = 0;
  let outputGone = false;
  const log = (line: string): void => {
    if (outputGone || logged > MAX_LOGGED_AFTER_FIRST) return;
    logged++;
    try {
      o.log(line);
    } catch {
      outputGone = true;
    }
  };
  const shutDown = (code: number): void => {
    if (handling) return;
    handling = true;
    log('corelanes web: ending every run and its processes, then exiting');
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_DEADLINE_MS).unref());
    void Promise.race([o.shutdown().catch((e: unknown) => log(`corelanes web: shutdown failed: ${String(e)}`)), deadline]).finally(() => exit(code));
  };
  const onFatal = (error: unknown, what: string): void => {
    log(`corelanes web: ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    shutDown(1);
  };
  const onException = (error: unknown) => onFatal(error, 'unexpected error');
  const onRejection = (reason: unknown) => onFatal(reason, 'unhandled promise rejection');
  const onStreamError = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') return onFatal(error, 'output failed');
    outputGone = true;
    shutDown(0);
  };
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  process.stdout.on('error', onStreamError);
  process.stderr.on('error', onStreamError);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
    process.stdout.off('error', onStreamError);
    process.stderr.off('error', onStreamError);
  };
}
