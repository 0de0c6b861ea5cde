/**
 * The command names alone, without their schemas, for the preload: it only
 * checks a name before sending (the main process validates the payload), and
 * importing the schemas would bundle zod into it. Kept equal to
 * Object.keys(COMMANDS) by test/unit/electron/preload-api.test.ts.
 */
export const PRELOAD_COMMAND_NAMES = [
  'listScenarios',
  'machineInfo',
  'startRun',
  'stopRun',
  'addWorker',
  'removeWorker',
  'getTrace',
  'loadTrace',
  'exportChromeTrace',
  'traceCommand',
  'traceDefaults',
  'listExercises',
  'getRoom',
  'setRoom',
  'startExercise',
  'submitPrediction',
] as const;

export function isPreloadCommandName(name: unknown): name is (typeof PRELOAD_COMMAND_NAMES)[number] {
  return typeof name === 'string' && (PRELOAD_COMMAND_NAMES as readonly string[]).includes(name);
}
