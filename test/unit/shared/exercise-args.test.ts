import { describe, expect, it } from 'vitest';
import { exerciseDirsFromArgv } from '../../../src/shared';

describe('exerciseDirsFromArgv (the desktop app’s --exercises DIR)', () => {
  it('takes every --exercises DIR and --exercises=DIR, in order', () => {
    expect(exerciseDirsFromArgv(['/app/corelanes', '--exercises', './a', '--no-sandbox', '--exercises=/b c'])).toEqual(['./a', '/b c']);
  });
  it('ignores a flag without a folder', () => {
    expect(exerciseDirsFromArgv(['--exercises'])).toEqual([]);
    expect(exerciseDirsFromArgv(['--exercises', '--other'])).toEqual([]);
    expect(exerciseDirsFromArgv(['--exercises='])).toEqual([]);
  });
});
