/**
 * Splits a command line into argv the way a user expects from a shell's
 * quoting, without a shell: words split on whitespace, '...' is literal,
 * "..." allows \" and \\, a backslash outside quotes escapes the next
 * character. Nothing is expanded ($VAR, globs, pipes stay plain text).
 */
export function splitArgv(line: string): { argv: string[] } | { error: string } {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= line.length) return { error: 'the command line ends with a lone backslash' };
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { error: `a ${quote === '"' ? 'double' : 'single'} quote is not closed` };
  if (inWord) argv.push(word);
  if (argv.length === 0) return { error: 'type the program to run, e.g. python3 my_script.py' };
  return { argv };
}
