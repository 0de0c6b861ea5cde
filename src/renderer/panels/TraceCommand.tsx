import { useEffect, useId, useState } from 'react';
import { LIMITS } from '../../shared';
import type { AppController } from '../app/controller';
import type { RunState } from '../app/run-state';
import { splitArgv } from '../app/split-argv';
import { leaderOnlyReason } from '../app/access';
import { ProgramOutcome } from './ProgramOutcome';

/**
 * "Run my own program": a command line, split into argv here (no shell, so
 * nothing is expanded), traced like a run through the bridge's traceCommand.
 * The front end (Electron, web mode) decides whether this is allowed; its refusal is shown as it says it.
 */
export function TraceCommand({ controller, state }: { controller: AppController; state: RunState }) {
  const [line, setLine] = useState('');
  const [limit, setLimit] = useState('30');
  const [error, setError] = useState<string | null>(null);
  // The folder relative paths start from: the host's start folder until the user edits it.
  const [cwd, setCwd] = useState('');
  const [defaultCwd, setDefaultCwd] = useState<string | null>(null);
  const id = useId();
  const running = state.status === 'running' || state.status === 'starting' || state.status === 'stopping';
  const notYours = leaderOnlyReason(state.role, 'traceCommand');
  useEffect(() => {
    if (notYours !== null || state.connection !== 'open') return;
    let live = true;
    void controller.traceDefaults().then((d) => {
      if (live && d) setDefaultCwd(d.cwd);
    });
    return () => {
      live = false;
    };
  }, [controller, notYours, state.connection]);
  const command = state.run?.command;
  // Folded by default; opens (never closes by itself) when a traced program has ended, to show how.
  const [open, setOpen] = useState(false);
  const outcome = command?.outcome;
  useEffect(() => {
    if (outcome) setOpen(true);
  }, [outcome]);
  const pythons = Object.entries(state.machine?.runtimes ?? {}).filter(([name]) => /^python/i.test(name));

  const trace = () => {
    const split = splitArgv(line);
    if ('error' in split) return setError(`Cannot run this: ${split.error}.`);
    const s = Number(limit);
    if (!(s > 0) || s > LIMITS.maxDurationS) return setError(`The time limit must be more than 0 and at most ${LIMITS.maxDurationS} seconds.`);
    setError(null);
    void controller.traceCommand(split.argv, s, cwd.trim() || undefined);
  };

  return (
    // Folded by default: one line under the run controls until someone wants it.
    <details className="panel trace-command" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h2>Run my own program</h2>
      </summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          trace();
        }}
      >
        <div className="field wide">
          <label htmlFor={`${id}-line`}>Command line</label>
          <input
            id={`${id}-line`}
            type="text"
            value={line}
            placeholder="python3 my_script.py --threads 4"
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setLine(e.target.value)}
            disabled={running || notYours !== null}
            title={notYours ?? undefined}
          />
        </div>
        <div className="field wide">
          <label htmlFor={`${id}-cwd`}>Working directory</label>
          <input
            id={`${id}-cwd`}
            type="text"
            value={cwd}
            placeholder={defaultCwd ?? 'the folder Corelanes was started in'}
            title="Relative paths in the command (./my_script.py) start here. Empty: the folder Corelanes was started in."
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setCwd(e.target.value)}
            disabled={running || notYours !== null}
          />
        </div>
        <div className="buttons">
          <div className="field inline">
            <label htmlFor={`${id}-limit`}>Time limit</label>
            <span className="with-unit">
              <input id={`${id}-limit`} type="number" min={1} max={LIMITS.maxDurationS} value={limit} onChange={(e) => setLimit(e.target.value)} disabled={running} />
              <span aria-hidden="true">s</span>
            </span>
          </div>
          <button type="submit" disabled={running || state.connection !== 'open' || notYours !== null} title={notYours ?? undefined}>
            Trace
          </button>
        </div>
      </form>
      <p className="muted caption">No shell: quotes group words; $VARS, globs and pipes are passed as plain text. The whole process tree is traced and stopped with Stop run.</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {command?.outcome && <ProgramOutcome command={command} />}
      {pythons.length > 0 && (
        <p className="muted caption" data-testid="pythons">
          Python interpreters: {pythons.map(([name, version]) => `${name} ${version}`).join(', ')}
        </p>
      )}
    </details>
  );
}
