import type { AuditEvent } from '../../../../contract/api.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { useAuditLog } from '../api/audit.ts';

const actionLabels: Record<string, string> = {
  'session.sign_in': 'Sign-in',
  'session.sign_out': 'Sign-out',
  'occupancy.checkin': 'Check-in',
  'occupancy.checkout': 'Check-out',
  'occupancy.force_logout': 'Force logout',
  'occupancy.pbx_change': 'Changed on the PBX',
  'desk.create': 'Desk created',
  'desk.update': 'Desk changed',
  'desk.delete': 'Desk deleted',
  'floor.create': 'Floor created',
  'floor.update': 'Floor changed',
  'floor.delete': 'Floor deleted',
  'floor.plan_upload': 'Plan uploaded',
  'floor.plan_replace': 'Plan replaced',
  'floor.layout_save': 'Floor layout saved',
  'settings.update': 'Settings changed',
  'token.create': 'Check-in token created',
  'token.revoke': 'Check-in token revoked',
};

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function describe(event: AuditEvent): string {
  const reason = event.detail.reason;
  if (reason === 'invalid_credentials') return 'Wrong user name or password';
  if (reason === 'too_many_attempts') return 'Refused: too many failed attempts';
  const roles = event.detail.roles;
  if (Array.isArray(roles)) return `Roles: ${roles.join(', ')}`;
  const parts: string[] = [];
  if (typeof event.detail.user === 'string') parts.push(`User ${event.detail.user}`);
  if (typeof event.detail.method === 'string') parts.push(`by ${event.detail.method}`);
  if (typeof event.detail.tookOverFrom === 'string') parts.push(`taken over from ${event.detail.tookOverFrom}`);
  if (typeof event.detail.reason === 'string') parts.push(event.detail.reason.replaceAll('_', ' '));
  if (typeof event.detail.error === 'string') parts.push(event.detail.error);
  return parts.join(', ');
}

export function AuditLog() {
  const audit = useAuditLog();
  if (audit.isPending) return <LoadingPanel label="Loading the audit log…" />;
  if (audit.isError) return <ErrorPanel error={audit.error} onRetry={() => void audit.refetch()} />;
  const events = audit.data.pages.flatMap((page) => page.events);
  if (events.length === 0) {
    return (
      <EmptyState title="Nothing recorded yet">Sign-ins, sign-outs and every change will be listed here.</EmptyState>
    );
  }
  return (
    <div className="panel">
      <table className="data-table">
        <caption className="visually-hidden">Audit events, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Result</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>
                <time dateTime={event.at}>{timeFormat.format(new Date(event.at))}</time>
              </td>
              <td>{event.actor}</td>
              <td>
                {actionLabels[event.action] ?? event.action}
                {event.target && <span className="muted"> · {event.target}</span>}
              </td>
              <td>
                <span className={`badge badge-${event.result}`}>{event.result}</span>
              </td>
              <td>{describe(event)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {audit.hasNextPage && (
        <div className="panel-footer">
          <button
            type="button"
            className="button"
            onClick={() => void audit.fetchNextPage()}
            disabled={audit.isFetchingNextPage}
          >
            {audit.isFetchingNextPage ? 'Loading…' : 'Show older events'}
          </button>
        </div>
      )}
    </div>
  );
}
