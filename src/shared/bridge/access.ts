import type { CommandName } from './commands';

/**
 * Who may send which command. One table for every transport: the bridge
 * service checks it before anything runs (src/main/bridge/service.ts), and
 * the page reads it to disable what its role cannot do.
 *
 * - leader: whoever holds the leader token of web mode, and the Electron page.
 * - viewer: a workshop participant (the viewer link). Sees every event; may
 *   only read. A command participants need (predictions, issue 13) is one
 *   more `X: EVERYONE` line below.
 */
export const ROLES = ['leader', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** How a command reached the service: Electron IPC, web mode's WebSocket, or the front end's own code (CLI, app menu). */
export type Transport = 'ipc' | 'websocket' | 'in-process';

export interface Caller {
  role: Role;
  transport: Transport;
  /** Which connection (web mode numbers them): a participant's prediction is one per connection. */
  connection?: number;
}

interface Access {
  roles: readonly Role[];
  /** false: not part of the WebSocket surface (a big frame the page never needs to send). */
  websocket?: false;
}

const EVERYONE: Access = { roles: ['leader', 'viewer'] };
const LEADER: Access = { roles: ['leader'] };

export const COMMAND_ACCESS: Record<CommandName, Access> = {
  listScenarios: EVERYONE,
  machineInfo: EVERYONE,
  getTrace: EVERYONE,
  exportChromeTrace: EVERYONE,
  startRun: LEADER,
  stopRun: LEADER,
  addWorker: LEADER,
  removeWorker: LEADER,
  traceCommand: LEADER,
  // A path of the host's file system: only for who may run programs there.
  traceDefaults: LEADER,
  // The page reads opened files itself; a trace as one text frame would need frames of hundreds of MiB.
  loadTrace: { roles: ['leader'], websocket: false },
  listExercises: EVERYONE,
  getRoom: EVERYONE,
  setRoom: LEADER,
  startExercise: LEADER,
  // A participant's prediction: validated, one per connection, rate-limited (src/main/bridge/room.ts).
  submitPrediction: EVERYONE,
};

/** Why `caller` may not send `name`, or null when it may. */
export function accessRefusal(name: CommandName, caller: Caller): string | null {
  const access = COMMAND_ACCESS[name];
  if (access.websocket === false && caller.transport === 'websocket') return `${name} is not offered over web mode's connection; the page opens trace files itself`;
  if (!access.roles.includes(caller.role)) return `${name} is for the leader only: this page has the viewer link, which can watch but not start, stop, add or run`;
  return null;
}

/** Whether a role may send a command at all (the page disables the controls it may not use). */
export function roleMay(role: Role, name: CommandName): boolean {
  return COMMAND_ACCESS[name].roles.includes(role);
}

/** The front end's own calls (the CLI, the Electron app's menu and window handlers): the user who started it. */
export const IN_PROCESS_CALLER: Caller = { role: 'leader', transport: 'in-process' };
