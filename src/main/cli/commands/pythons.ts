import { Command } from 'commander';
import { discoverPythons, formatPythons } from '../../python';

/** `corelanes pythons [--json]`: the interpreters on the PATH, their versions and GIL status. */
export function pythonsCommand(): Command {
  return new Command('pythons')
    .description('list the Python interpreters on the PATH, their versions and whether their GIL is on')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await discoverPythons();
      process.stdout.write(opts.json ? `${JSON.stringify(list, null, 2)}\n` : `${formatPythons(list)}\n`);
    });
}
