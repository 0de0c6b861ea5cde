import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without types
import { autostartUrl, electronBinary, missingBuildOutputs } from '../../../scripts/start.mjs';

// Resolve electron-builder's own YAML parser and schema validator, so the config is checked as it would be.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));

describe('electron-builder.yml', () => {
  const config = (builderRequire('js-yaml') as { load(text: string): Record<string, unknown> }).load(readFileSync('electron-builder.yml', 'utf8'));

  it('is valid against electron-builder\'s own schema', () => {
    const Ajv = builderRequire('ajv') as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };
    const validate = new Ajv({ allErrors: true, strict: false }).compile(builderRequire('app-builder-lib/scheme.json') as object);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  }, 30_000); // compiling electron-builder's large schema takes seconds on a busy machine

  it('builds AppImage, deb, dmg and nsis with the icon, and unpacks the worker files', () => {
    const targets = (platform: string) => (config[platform] as { target: unknown }).target;
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(targets('mac')).toBe('dmg');
    expect(targets('win')).toBe('nsis');
    expect(config.icon).toBe('build/icon.png');
    expect(config.asarUnpack).toContain('out/cli/workers/**');
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, onlyLoadAppFromAsar: true });
  });

  it('has a real 512x512 PNG icon', () => {
    const png = readFileSync('build/icon.png');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});

describe('npm start helpers (scripts/start.mjs)', () => {
  it('turns the web-mode line into the autostart URL', () => {
    expect(autostartUrl('Corelanes web: http://127.0.0.1:40123/')).toBe('http://127.0.0.1:40123/?autostart=1');
    const token = 'A'.repeat(43);
    expect(autostartUrl(`Corelanes web: http://127.0.0.1:40123/#token=${token}`)).toBe(`http://127.0.0.1:40123/?autostart=1#token=${token}`);
    expect(autostartUrl('something else')).toBeNull();
  });

  it('finds the Electron binary only when path.txt names an existing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corelanes-electron-'));
    expect(electronBinary(dir)).toBeNull();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(electronBinary(dir)).toBeNull();
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(electronBinary(dir)).toBe(resolve(dir, 'dist', 'electron'));
  });

  it('lists missing build outputs', () => {
    expect(missingBuildOutputs(mkdtempSync(join(tmpdir(), 'corelanes-out-')))).toContain('out/main/index.js');
  });
});
