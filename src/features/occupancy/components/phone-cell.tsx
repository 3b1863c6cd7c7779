import { formatMac } from '../../../../contract/mac.ts';
import type { DeskOccupancy, ForceLogoutResponse } from '../../../../contract/occupancy.ts';

export type StateFilter = 'all' | 'occupied' | 'free' | 'offline';

/** What became of a row's logout, shown in the row until the data catches up. */
export type RowStatus =
  { kind: 'pending' } | { kind: 'done' } | { kind: 'deferred' } | { kind: 'failed'; message: string };

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function rowStatusOf(result: ForceLogoutResponse['results'][number]): RowStatus {
  switch (result.status) {
    case 'logged_out':
    case 'was_free':
      return { kind: 'done' };
    case 'deferred':
      return { kind: 'deferred' };
    default:
      return { kind: 'failed', message: result.message ?? 'Failed.' };
  }
}

/** The phone: an emergency call's callback window, a call (and a logout waiting for it), or registered/offline. */
export function PhoneCell({ row, state }: { row: DeskOccupancy; state: StateFilter }) {
  if (row.emergency) {
    const until = clockFormat.format(new Date(row.emergency.until));
    return (
      <span
        className="phone-state phone-emergency"
        title={`Emergency call to ${row.emergency.number} at ${clockFormat.format(new Date(row.emergency.at))}: no logout or takeover until ${until}, so that the emergency centre can call back.`}
      >
        ⚠ {row.emergency.number} · until {until}
      </span>
    );
  }
  if (row.onCall) {
    return (
      <span className="phone-state phone-oncall" title={formatMac(row.mac)}>
        ☎ {row.logoutDeferred ? 'On a call — logs out when it ends' : 'On a call'}
      </span>
    );
  }
  return (
    <span className={`phone-state phone-${state}`} title={formatMac(row.mac)}>
      {state === 'offline' ? '✕ Offline' : row.phoneRegistered ? '● Registered' : '○ Idle'}
    </span>
  );
}
