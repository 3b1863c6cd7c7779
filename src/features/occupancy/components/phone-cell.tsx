import { formatMac } from '../../../../contract/mac.ts';
import type { DeskOccupancy, EmergencyNoticeState, ForceLogoutResponse } from '../../../../contract/occupancy.ts';
import { formatTime } from '../../../i18n/format.ts';
import { useT } from '../../../i18n/use-t.ts';

export type StateFilter = 'all' | 'occupied' | 'free' | 'offline';

/** Occupied means a person holds the desk, whatever its phone does; "offline" is an occupied desk's phone gone. */
export function matchesState(row: DeskOccupancy, filter: StateFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'occupied':
      return row.occupant !== null;
    case 'free':
      return row.occupant === null;
    case 'offline':
      return row.occupant !== null && !row.phoneRegistered;
  }
}

/** What became of a row's logout, shown in the row until the person using the board moves on. */
export type RowStatus =
  { kind: 'pending' } | { kind: 'done' } | { kind: 'deferred' } | { kind: 'failed'; message: string | null };

export function rowStatusOf(result: ForceLogoutResponse['results'][number]): RowStatus {
  switch (result.status) {
    case 'logged_out':
    case 'was_free':
      return { kind: 'done' };
    case 'deferred':
      return { kind: 'deferred' };
    default:
      return { kind: 'failed', message: result.message ?? null };
  }
}

/** Security not told (yet): shown under the emergency call until the webhook delivered its notice. */
export function NoticeNote({ notice }: { notice: EmergencyNoticeState | null }) {
  const t = useT();
  if (notice !== 'retrying' && notice !== 'failed') return null;
  return (
    <span
      className={`call-note notice-note notice-${notice}`}
      role="status"
      title={t(notice === 'failed' ? 'phone.noticeFailedHint' : 'phone.noticeRetryingHint')}
    >
      {t(notice === 'failed' ? 'phone.noticeFailed' : 'phone.noticeRetrying')}
    </span>
  );
}

/**
 * The phone: an emergency call's callback window, a call (and a logout waiting for it), or registered/offline.
 * `stale`: the PBX connection is down, so what it last said is marked as of then.
 */
export function PhoneCell({ row, stale = false }: { row: DeskOccupancy; stale?: boolean }) {
  const t = useT();
  if (row.emergency) {
    const until = formatTime(row.emergency.until);
    return (
      <span
        className="phone-state phone-emergency"
        title={t('phone.emergencyHint', { number: row.emergency.number, at: formatTime(row.emergency.at), until })}
      >
        ⚠ {t('phone.emergency', { number: row.emergency.number, until })}
        <NoticeNote notice={row.emergency.notice} />
      </span>
    );
  }
  if (row.onCall) {
    return (
      <span className="phone-state phone-oncall" title={formatMac(row.mac)}>
        ☎ {row.logoutDeferred ? t('phone.onCallDeferred') : t('phone.onCall')}
      </span>
    );
  }
  const offline = row.occupant !== null && !row.phoneRegistered;
  if (stale)
    return (
      <span className="phone-state phone-stale" title={`${formatMac(row.mac)} · ${t('phone.staleHint')}`}>
        ◌ {t('phone.stale')}
      </span>
    );
  return (
    <span
      className={`phone-state phone-${offline ? 'offline' : row.occupant ? 'occupied' : 'free'}`}
      title={formatMac(row.mac)}
    >
      {offline
        ? `✕ ${t('phone.offline')}`
        : row.phoneRegistered
          ? `● ${t('phone.registered')}`
          : `○ ${t('phone.idle')}`}
    </span>
  );
}
