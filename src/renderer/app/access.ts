import { roleMay, type CommandName, type Role } from '../../shared';

/**
 * Why this page may not use a control that sends `command`, for its tooltip;
 * null when it may. The role table is the contract's (COMMAND_ACCESS); the
 * server enforces it whatever the page shows.
 */
export function leaderOnlyReason(role: Role | null, command: CommandName): string | null {
  if (role === null || roleMay(role, command)) return null;
  return 'You opened the viewer link: you see every run live, but only the leader (who started Corelanes) can start, stop, add or run.';
}
