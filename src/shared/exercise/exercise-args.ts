/**
 * The `--exercises DIR` folders of a command line (repeatable; also
 * `--exercises=DIR`), for the Electron app, whose argv commander does not
 * parse. The CLI's own commands take the same option through commander.
 */
export function exerciseDirsFromArgv(argv: readonly string[]): string[] {
  const dirs: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    if (arg === '--exercises' && k + 1 < argv.length && !argv[k + 1]!.startsWith('--')) dirs.push(argv[++k]!);
    else if (arg.startsWith('--exercises=') && arg.length > '--exercises='.length) dirs.push(arg.slice('--exercises='.length));
  }
  return dirs;
}
