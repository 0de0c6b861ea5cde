/** How long ending every run may take after an unexpected error before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 5000;

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
 */
export function installFatalHandler(o: FatalHandlerOptions): () => void {
  const exit = o.exit ?? ((code: number) => process.exit(code));
  let handling = false;
  const onFatal = (error: unknown, what: string): void => {
    o.log(`corelanes web: ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (handling) return;
    handling = true;
    o.log('corelanes web: ending every run and its processes, then exiting');
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_DEADLINE_MS).unref());
    void Promise.race([o.shutdown().catch((e: unknown) => o.log(`corelanes web: shutdown failed: ${String(e)}`)), deadline]).finally(() => exit(1));
  };
  const onException = (error: unknown) => onFatal(error, 'unexpected error');
  const onRejection = (reason: unknown) => onFatal(reason, 'unhandled promise rejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
