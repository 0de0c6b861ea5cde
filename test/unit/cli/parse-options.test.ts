import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { checkWritable } from '../../../src/main/cli/run/out-file';
import { parseDuration, parseIntervalMs, parseMemoryMb, parseWorkers, parseWorkUnits, ruleText } from '../../../src/main/cli/run/parse-options';

describe('CLI option parsers', () => {
  it('accept what the run schema accepts', () => {
    expect(parseWorkers('4')).toBe(4);
    expect(parseDuration('0.5')).toBe(0.5);
    expect(parseIntervalMs('2')).toBe(2);
    expect(parseWorkUnits('5000')).toBe(5000);
  });

  it.each([
    [() => parseWorkers('0'), /at least 1/],
    [() => parseWorkers('10000'), /at most 64/],
    [() => parseWorkers('two'), /must be a number/],
    [() => parseWorkers('1.5'), /whole number/],
    [() => parseDuration('-1'), /positive/],
    [() => parseDuration('601'), /at most 600/],
    [() => parseIntervalMs('0'), /at least 0.25/],
    [() => parseWorkUnits('0'), /whole number from 1/],
    [() => parseWorkUnits('2.5'), /whole number from 1/],
    [() => parseMemoryMb('-5'), /^memory must be more than 0 MB$/],
  ])('reject bad values with a one-line reason (%#)', (parse, message) => {
    expect(parse).toThrow(InvalidArgumentError);
    expect(parse).toThrow(message);
  });
});

describe('ruleText', () => {
  it("names the field and the rule instead of zod's wording", () => {
    expect(ruleText('memory', 'Too small: expected number to be >0')).toBe('memory must be more than 0');
    expect(ruleText('interval', 'Too big: expected number to be <=100')).toBe('interval must be at most 100');
    expect(ruleText('workers', 'workers must be at least 1')).toBe('workers must be at least 1');
    expect(ruleText('x', 'Invalid input')).toBe('x is out of range');
  });
});

describe('checkWritable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corelanes-out-'));

  it('accepts a new file in an existing folder and an existing file', () => {
    expect(checkWritable(join(dir, 'new.json'))).toBe(join(dir, 'new.json'));
    writeFileSync(join(dir, 'old.json'), '{}');
    expect(checkWritable(join(dir, 'old.json'))).toBe(join(dir, 'old.json'));
  });

  it('refuses a folder and a missing folder, saying which', () => {
    expect(() => checkWritable(dir)).toThrow(/is a directory/);
    expect(() => checkWritable(join(dir, 'nope', 'x.json'))).toThrow(/folder .*nope does not exist/);
  });

  it('refuses a folder that looks writable but takes no new files (/proc), in words, not ENOENT', () => {
    expect(() => checkWritable('/proc/corelanes-x.json')).toThrow(/^cannot write the trace to \/proc\/corelanes-x\.json: that folder does not accept new files$/);
  });
});
