import { exitText, formatBytes as bytes, type RunCommand } from '../../shared';

function Tail({ name, tail }: { name: string; tail: NonNullable<RunCommand['outcome']>['stdout'] }) {
  return (
    <details className="program-output" open={tail.bytes > 0}>
      <summary>
        {name}: {tail.bytes === 0 ? 'nothing' : bytes(tail.bytes)}
        {tail.truncated ? ` (the last ${bytes(new TextEncoder().encode(tail.text).length)} shown)` : ''}
      </summary>
      {tail.bytes > 0 && (
        <pre tabIndex={0} aria-label={`${name} of the program`}>
          {tail.text}
        </pre>
      )}
    </details>
  );
}

/** How the traced program ended: exit status, where it ran, the tails of its stdout and stderr. */
export function ProgramOutcome({ command }: { command: RunCommand }) {
  const o = command.outcome;
  if (!o) return null;
  const failed = o.exitSignal !== null || (o.exitCode !== null && o.exitCode !== 0);
  return (
    <section className="program-outcome" aria-label="How the program ended" data-testid="program-outcome">
      <p>
        <strong className={failed ? 'exit-failed' : 'exit-ok'}>{exitText(o)}</strong>
        {' · '}
        <code>{command.argv.join(' ')}</code>
        {command.cwd ? (
          <>
            {' in '}
            <code>{command.cwd}</code>
          </>
        ) : null}
      </p>
      <Tail name="stdout" tail={o.stdout} />
      <Tail name="stderr" tail={o.stderr} />
    </section>
  );
}
