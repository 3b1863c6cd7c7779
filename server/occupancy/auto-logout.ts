import { lastDailyDue } from '../../contract/local-time.ts';
import { claimEndedBookings } from '../bookings/booking-store.ts';
import { forceLogout } from './logouts.ts';
import type { OccupancyContext } from './occupancy-context.ts';
import { openSessions } from './desk-sessions.ts';

/**
 * Automatic logout, due once per daily time (remembered across restarts), for sessions older than the maximum,
 * and at the end of the booking a session confirmed. Call it periodically; it does nothing when nothing is due.
 */
export async function runAutoLogout(
  ctx: OccupancyContext,
): Promise<{ daily: number; overdue: number; bookingEnds: number }> {
  const { autoLogout, phones } = await ctx.settings.get();
  // Someone on a call is logged out when the call ends, or after the administrator's limit.
  const maxWaitMs = phones.maxWaitMinutes * 60_000;
  const now = new Date(ctx.now());
  let daily = 0;
  let overdue = 0;
  if (autoLogout.dailyAt !== null) {
    const due = lastDailyDue(now, autoLogout.timeZone, autoLogout.dailyAt);
    const claimed = await ctx.db.transaction(async (tx) => {
      const [row] = await tx.query<{ value: string }>(
        `SELECT value #>> '{}' AS value FROM service_state WHERE key = 'auto_logout_daily' FOR UPDATE`,
      );
      if (row && new Date(row.value).getTime() >= due.getTime()) return false;
      // The first time the policy is seen, the past due time does not count: logging everyone out the
      // moment an administrator switches it on would surprise them.
      const first = !row;
      await tx.query(
        `INSERT INTO service_state (key, value) VALUES ('auto_logout_daily', to_jsonb($1::text))
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [due.toISOString()],
      );
      return !first;
    });
    if (claimed) {
      const sessions = await openSessions(ctx.db);
      daily = (
        await forceLogout(
          ctx,
          'system',
          sessions.map((session) => session.deskId),
          { reason: 'auto_daily', maxWaitMs },
        )
      ).results.filter((result) => result.status === 'logged_out').length;
    }
  }
  if (autoLogout.maxHours !== null) {
    const cutoff = now.getTime() - autoLogout.maxHours * 3_600_000;
    const old = (await openSessions(ctx.db)).filter((session) => session.since.getTime() <= cutoff);
    if (old.length > 0) {
      overdue = (
        await forceLogout(
          ctx,
          'system',
          old.map((session) => session.deskId),
          { reason: 'auto_max', maxWaitMs },
        )
      ).results.filter((result) => result.status === 'logged_out').length;
    }
  }
  // A booking's end ends its person's session there (the call and the emergency freeze respected, as above).
  const ended = await claimEndedBookings(ctx.db, now);
  const bookingEnds =
    ended.length === 0
      ? 0
      : (await forceLogout(ctx, 'system', ended, { reason: 'booking_end', maxWaitMs })).results.filter(
          (result) => result.status === 'logged_out',
        ).length;
  return { daily, overdue, bookingEnds };
}
