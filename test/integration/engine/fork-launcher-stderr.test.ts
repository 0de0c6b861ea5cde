import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/entries';

const dir = mkdtempSync(join(tmpdir(), 'corelanes-stderr-'));

/** Runs the node-fork launcher in a separate Node (so its terminal output can be read) on a child script. */
function forkWith(childSource: string): { stderr: string; stdout: string } {
  const child = join(dir, `child-${Math.random().toString(36).slice(2)}.cjs`);
  writeFileSync(child, childSource);
  const driver = join(dir, 'driver.ts');
  writeFileSync(
    driver,
    `import { createNodeForkLauncher } from ${JSON.stringify(join(ROOT, 'src/main/engine/launchers/node-fork-launcher.ts'))};
const h = createNodeForkLauncher().fork(${JSON.stringify(child)}, { serviceName: 't' });
h.onExit((code, signal) => process.stdout.write(JSON.stringify({ code, signal, excerpt: h.stderrExcerpt?.() ?? null })));
`,
  );
  const r = spawnSync(process.execPath, ['--import', 'tsx', driver], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { stderr: r.stderr, stdout: r.stdout };
}

describe('node-fork launcher: a child that aborts', () => {
  it("keeps V8's crash dump off the terminal and gives an excerpt for the exit detail", () => {
    const r = forkWith("process.stderr.write('about to abort on purpose\\n'); setTimeout(() => process.abort(), 10);");
    expect(r.stderr).not.toMatch(/Native stack trace|about to abort/);
    const exit = JSON.parse(r.stdout);
    expect(exit.signal).toBe('SIGABRT');
    expect(exit.excerpt).toMatch(/^about to abort on purpose \| V8 abort/);
  });

  it('passes on what a child that ends normally wrote to stderr', () => {
    const r = forkWith("process.stderr.write('a harmless warning\\n');");
    expect(r.stderr).toContain('a harmless warning');
    expect(JSON.parse(r.stdout)).toMatchObject({ code: 0, signal: null });
  });
});
