import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

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

  it('re-signs ad hoc after flipping the fuses, so an unsigned macOS arm64 build launches', () => {
    // electron-builder skips signing when it finds no identity; the fuse flip has already broken Electron's signature.
    expect(config.electronFuses).toMatchObject({ resetAdHocDarwinSignature: true });
    expect((config.mac as { identity?: unknown }).identity).not.toBeNull(); // null would skip the real signature too
  });

  it('has a real 512x512 PNG icon', () => {
    const png = readFileSync('build/icon.png');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
