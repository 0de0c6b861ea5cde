import { describe, expect, it } from 'vitest';
import { splitArgv } from '../../../src/renderer/app/split-argv';

describe('splitArgv (no shell)', () => {
  it('splits on whitespace and honours quotes and escapes', () => {
    expect(splitArgv('  python3   -c "print(\\"hi\\")"  ')).toEqual({ argv: ['python3', '-c', 'print("hi")'] });
    expect(splitArgv("node -e 'a b' x\\ y \"\"")).toEqual({ argv: ['node', '-e', 'a b', 'x y', ''] });
  });

  it('expands nothing: $VARS, globs, pipes and ; stay literal arguments', () => {
    expect(splitArgv('echo $HOME *.py | wc; rm')).toEqual({ argv: ['echo', '$HOME', '*.py', '|', 'wc;', 'rm'] });
  });

  it('refuses unclosed quotes, a trailing backslash and an empty line with a sentence', () => {
    expect(splitArgv('python3 "x')).toEqual({ error: 'a double quote is not closed' });
    expect(splitArgv("python3 'x")).toEqual({ error: 'a single quote is not closed' });
    expect(splitArgv('ls \\')).toMatchObject({ error: expect.stringMatching(/backslash/) });
    expect(splitArgv('   ')).toMatchObject({ error: expect.stringMatching(/program/) });
  });
});
