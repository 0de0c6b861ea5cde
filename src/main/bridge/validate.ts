import { COMMANDS, isCommandName, type CommandName } from '../../shared';
import { UserError, describeZodError } from './messages';

/** Checks a command name against the contract; throws a UserError naming it when it is not one. */
export function parseCommandName(name: unknown): CommandName {
  if (!isCommandName(name)) throw new UserError(`Unknown command ${JSON.stringify(String(name)).slice(0, 80)}`);
  return name;
}

/** Checks a command name and its arguments against the contract; throws a UserError naming the problem. */
export function parseCommand(name: unknown, args: unknown): { name: CommandName; args: unknown } {
  const command = parseCommandName(name);
  const parsed = COMMANDS[command].args.safeParse(args ?? {});
  if (!parsed.success) throw new UserError(describeZodError(`${command}: bad arguments`, parsed.error));
  return { name: command, args: parsed.data };
}

/** Checks what a command produced against the contract, so a bug never reaches the other end as data. */
export function checkResult(name: CommandName, value: unknown): unknown {
  const parsed = COMMANDS[name].result.safeParse(value);
  if (!parsed.success) throw new Error(describeZodError(`internal error: ${name} produced a result outside the contract`, parsed.error));
  return parsed.data;
}
