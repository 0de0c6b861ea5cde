import type { Role } from '../../shared';
import type { RunState } from '../app/run-state';

/** The link's state: connected, connecting, retrying, or no token at all (a page opened without the printed link). */
export function ConnectionBadge({ state, transport }: { state: Pick<RunState, 'connection' | 'hasToken'>; transport: string }) {
  if (!state.hasToken) {
    return (
      <span className="connection connection-closed" role="alert" title="Open the link `corelanes web` (or npm start) printed: it ends in #token=…, which this page needs to connect.">
        no token: open the printed link
      </span>
    );
  }
  const text = state.connection === 'open' ? 'connected' : state.connection === 'connecting' ? 'connecting…' : 'disconnected, retrying…';
  const hint = state.connection === 'closed' ? ' · If Corelanes was restarted, its links changed: open the new one it printed.' : '';
  return (
    <span className={`connection connection-${state.connection}`} title={`transport: ${transport}${hint}`}>
      {text}
    </span>
  );
}

/** Whether this page leads (starts and stops runs) or watches. */
export function RoleBadge({ role }: { role: Role | null }) {
  if (role === null) return null;
  const title =
    role === 'leader'
      ? 'Leader: this page starts and stops runs. Share the viewer link, not this one.'
      : 'Viewer: this page follows the leader\u2019s runs live; starting, stopping and adding workers are for the leader.';
  return (
    <span className={`role role-${role}`} data-testid="role" title={title}>
      {role === 'leader' ? 'leader' : 'viewer'}
    </span>
  );
}
