// The `corelanes` command line (bundled to out/cli/corelanes.js, run by bin/corelanes.js).
import { Command, CommanderError } from 'commander';
import { exercisesCommand } from './commands/exercises';
import { exportCommand } from './commands/export';
import { runCommand } from './commands/run';
import { summaryCommand } from './commands/summary';
import { pythonsCommand } from './commands/pythons';
import { traceCommandCli } from './commands/trace';
import { webCommand } from './commands/web';

const program = new Command('corelanes')
  .description('See which thread or process runs on which CPU core, live: threads vs processes, measured on your own machine.')
  .version('0.1.0')
  .exitOverride();

program.addCommand(runCommand());
program.addCommand(webCommand());
program.addCommand(pythonsCommand());
program.addCommand(traceCommandCli());
program.addCommand(exportCommand());
program.addCommand(summaryCommand());
program.addCommand(exercisesCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander already printed its one-line message (or the help / version).
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`corelanes: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
