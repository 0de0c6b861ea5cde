/** The shell's exit status for a command stopped by SIGINT or SIGTERM (128 + the signal's number). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 130 : 143;
}
