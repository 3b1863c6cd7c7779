import type { ForceLogoutResponse } from '../../contract/occupancy.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Queryable } from '../db/db.ts';
import { getDesksByIds } from '../desks/desk-store.ts';
import { DomainError } from '../lib/domain-error.ts';
import {
  closeSession,
  freeHolder,
  frozenDesks,
  onCall,
  personAt,
  takePhone,
  type EndReason,
  type OccupancyContext,
  frozenMessage,
} from './occupancy-context.ts';
import { openSessionOfDesk } from './desk-sessions.ts';
import { inLocale, type Locale } from '../lib/text.ts';
import { errorField, log } from '../lib/log.ts';
import type { PlannedLogout } from '../desks/desk-occupancy-port.ts';
import { msg } from '../../i18n/message.ts';

/** Someone else logs people out: helpdesk, the automatic logout, removing a desk somebody sits at. */

/** A logout decided on together with removing the occupant's desk (see `pending_logouts`). */
export type { PlannedLogout };

export interface LogoutOptions {
  reason?: EndReason;
  /** Log out even someone on a call (the call ends). */
  evenDuringCall?: boolean;
  /** How long a logout of someone on a call may wait for the call to end; undefined: until it ends. */
  maxWaitMs?: number;
  /** The language of the results' messages (the request's Accept-Language). */
  locale?: Locale;
  /** Why (helpdesk's words): in the audit log and the e-mail to the person. */
  note?: string;
}

type LogoutResult = ForceLogoutResponse['results'][number];

/**
 * Helpdesk (or the automatic logout) logs people out: per desk, the phone goes to the desk's base object
 * (or leaves the device list) and the session ends. A desk whose phone is on a call is `deferred`: its
 * logout is written down and done when the call ends (`completeDeferredLogouts`), unless `evenDuringCall`.
 * A desk in an emergency call's callback window is `frozen` and left as it is.
 */
export async function forceLogout(
  ctx: OccupancyContext,
  actor: string,
  deskIds: readonly string[],
  options: LogoutOptions = {},
): Promise<ForceLogoutResponse> {
  const reason = options.reason ?? 'forced';
  const locale = options.locale ?? 'en';
  const desks = new Map((await getDesksByIds(ctx.db, deskIds)).map((desk) => [desk.id, desk]));
  const frozen = await frozenDesks(ctx, deskIds);
  const settings = await ctx.settings.get();
  const results: LogoutResult[] = [];
  for (const deskId of deskIds) {
    const desk = desks.get(deskId);
    if (!desk) {
      results.push({
        deskId,
        status: 'failed',
        message: inLocale(msg('api.shared.deskDoesExistAny'), locale),
      });
      continue;
    }
    results.push(
      await ctx.locks.run([`desk:${desk.id}`], async (): Promise<LogoutResult> => {
        const person = personAt(ctx, desk.mac);
        const session = await openSessionOfDesk(ctx.db, desk.id);
        if (!person) {
          if (session) await closeSession(ctx, session, reason, actor, new Date(ctx.now()));
          await ctx.db.query('DELETE FROM deferred_logouts WHERE desk_id = $1::uuid', [desk.id]);
          return { deskId, status: 'was_free' };
        }
        const emergency = frozen.get(desk.id);
        if (emergency) {
          return { deskId, status: 'frozen', message: inLocale(frozenMessage(desk.name, emergency, settings), locale) };
        }
        if (!options.evenDuringCall && onCall(ctx, desk.mac)) {
          const waitingAlready = await deferLogout(ctx, desk.id, person.guid, actor, reason, options);
          if (!waitingAlready)
            await recordAudit(ctx.db, {
              actor,
              action: 'occupancy.force_logout',
              target: desk.name,
              result: 'deferred',
              detail: { user: person.name, displayName: person.displayName, reason, note: options.note ?? null },
            });
          return {
            deskId,
            status: 'deferred',
            message: inLocale(msg('api.logouts.callLoggedOutWhen', { personDisplayName: person.displayName }), locale),
          };
        }
        return logOutNow(
          ctx,
          desk,
          person,
          session,
          { actor, reason, note: options.note ?? null },
          locale,
          options.evenDuringCall === true,
        );
      }),
    );
  }
  ctx.events.publish({ type: 'occupancy', deskIds: [...deskIds] });
  return { results };
}

/** The phone to the desk's base object (or nowhere), the session ended, audited. Caller holds the desk's lock. */
async function logOutNow(
  ctx: OccupancyContext,
  desk: { id: string; name: string; mac: string },
  person: { guid: string; name: string; displayName: string },
  session: Awaited<ReturnType<typeof openSessionOfDesk>>,
  { actor, reason, note }: { actor: string; reason: EndReason; note: string | null },
  locale: Locale,
  /** The phone goes even while it is on a call (a forced logout, a logout past its time limit). */
  duringCall: boolean,
): Promise<LogoutResult> {
  try {
    await takePhone(
      ctx,
      desk.mac,
      person.guid,
      await freeHolder(ctx, desk.id),
      duringCall ? { duringCall: 'allow' } : {},
    );
  } catch (error) {
    const text = error instanceof DomainError ? error.text : msg('api.logouts.pbxDidTakeChange');
    await recordAudit(ctx.db, {
      actor,
      action: 'occupancy.force_logout',
      target: desk.name,
      result: 'failed',
      detail: { user: person.name, error: inLocale(text, 'en') },
    });
    return { deskId: desk.id, status: 'failed', message: inLocale(text, locale) };
  }
  if (session) await closeSession(ctx, session, reason, actor, new Date(ctx.now()));
  await ctx.db.query('DELETE FROM deferred_logouts WHERE desk_id = $1::uuid', [desk.id]);
  await recordAudit(ctx.db, {
    actor,
    action: 'occupancy.force_logout',
    target: desk.name,
    result: 'ok',
    detail: { user: person.name, displayName: person.displayName, mac: desk.mac, reason, ...(note ? { note } : {}) },
  });
  return { deskId: desk.id, status: 'logged_out' };
}

/**
 * Writes the logout down to be done when the call ends. Asked again for the same person, the earlier
 * deadline stands (LEAST ignores nulls: a deadline bounds a wait without one). True when it already waited.
 */
async function deferLogout(
  ctx: OccupancyContext,
  deskId: string,
  userGuid: string,
  actor: string,
  reason: EndReason,
  { maxWaitMs, note }: LogoutOptions,
): Promise<boolean> {
  const deadline = maxWaitMs === undefined ? null : new Date(ctx.now() + maxWaitMs);
  const [row] = await ctx.db.query<{ fresh: boolean }>(
    `INSERT INTO deferred_logouts (desk_id, user_guid, actor, reason, deadline, note)
     VALUES ($1::uuid, $2, $3, $4, $5, $6)
     ON CONFLICT (desk_id) DO UPDATE SET
       deadline = CASE WHEN deferred_logouts.user_guid = EXCLUDED.user_guid
                       THEN LEAST(deferred_logouts.deadline, EXCLUDED.deadline) ELSE EXCLUDED.deadline END,
       actor = CASE WHEN deferred_logouts.user_guid = EXCLUDED.user_guid THEN deferred_logouts.actor ELSE EXCLUDED.actor END,
       reason = CASE WHEN deferred_logouts.user_guid = EXCLUDED.user_guid THEN deferred_logouts.reason ELSE EXCLUDED.reason END,
       note = CASE WHEN deferred_logouts.user_guid = EXCLUDED.user_guid THEN deferred_logouts.note ELSE EXCLUDED.note END,
       requested_at = CASE WHEN deferred_logouts.user_guid = EXCLUDED.user_guid THEN deferred_logouts.requested_at ELSE now() END,
       user_guid = EXCLUDED.user_guid
     RETURNING (xmax = 0) AS fresh`,
    [deskId, userGuid, actor, reason, deadline, note ?? null],
  );
  return row?.fresh === false;
}

/**
 * Does the logouts that waited for a call: each whose call has ended, or whose deadline has passed (then
 * even during the call). One whose person no longer holds the phone is forgotten. Returns how many wait on.
 */
export async function completeDeferredLogouts(ctx: OccupancyContext): Promise<number> {
  const waiting = await ctx.db.query<{
    desk_id: string;
    user_guid: string;
    actor: string;
    reason: string;
    deadline: Date | null;
    note: string | null;
  }>(
    'SELECT desk_id::text AS desk_id, user_guid, actor, reason, deadline, note FROM deferred_logouts ORDER BY requested_at',
  );
  if (waiting.length === 0) return 0;
  const desks = new Map(
    (
      await getDesksByIds(
        ctx.db,
        waiting.map((row) => row.desk_id),
      )
    ).map((desk) => [desk.id, desk]),
  );
  const frozen = await frozenDesks(
    ctx,
    waiting.map((row) => row.desk_id),
  );
  let left = 0;
  const done: string[] = [];
  for (const row of waiting) {
    const desk = desks.get(row.desk_id);
    const stillWaiting = await ctx.locks.run([`desk:${row.desk_id}`], async () => {
      const person = desk ? personAt(ctx, desk.mac) : null;
      if (!desk || person?.guid !== row.user_guid) {
        await ctx.db.query('DELETE FROM deferred_logouts WHERE desk_id = $1::uuid', [row.desk_id]);
        return false;
      }
      const overdue = row.deadline !== null && row.deadline.getTime() <= ctx.now();
      // While the PBX's list of running calls is (re)loading, a call not yet seen may be running.
      const mayBeOnCall = onCall(ctx, desk.mac) || !ctx.pbx.callsWatchedFor(person.guid);
      if (frozen.has(desk.id) || (mayBeOnCall && !overdue)) return true;
      const session = await openSessionOfDesk(ctx.db, desk.id);
      const result = await logOutNow(
        ctx,
        desk,
        person,
        session,
        { actor: row.actor, reason: row.reason as EndReason, note: row.note },
        'en',
        overdue,
      );
      if (result.status === 'logged_out') done.push(desk.id);
      return result.status !== 'logged_out';
    });
    if (stillWaiting) left += 1;
  }
  if (done.length > 0) ctx.events.publish({ type: 'occupancy', deskIds: done });
  return left;
}

/**
 * Writes down, inside the caller's transaction that removes the desks, who is to be logged out of
 * them. `completePendingLogouts` does it on the PBX after the commit (again after a crash).
 */
export async function planLogouts(tx: Queryable, actor: string, reason: EndReason, logouts: readonly PlannedLogout[]) {
  if (logouts.length === 0) return;
  await tx.query(
    `INSERT INTO pending_logouts (mac, user_guid, user_name, desk_name, actor, reason)
     SELECT u.mac, u.guid, u.name, u.desk, $5, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(mac, guid, name, desk)`,
    [
      logouts.map((logout) => logout.mac),
      logouts.map((logout) => logout.userGuid),
      logouts.map((logout) => logout.userName),
      logouts.map((logout) => logout.deskName),
      actor,
      reason,
    ],
  );
}

/**
 * Takes the phones of removed desks from the people written down for them, and forgets each entry once
 * done (or once the phone is no longer theirs). An entry the PBX refuses or cannot take now stays for
 * the next connect. Returns how many are still open.
 */
export async function completePendingLogouts(ctx: OccupancyContext): Promise<number> {
  const pending = await ctx.db.query<{
    id: string;
    mac: string;
    user_guid: string;
    user_name: string;
    desk_name: string;
    actor: string;
    reason: string;
    created_at: Date;
  }>(
    `SELECT id::text AS id, mac, user_guid, user_name, desk_name, actor, reason, created_at FROM pending_logouts ORDER BY id`,
  );
  const maxWaitMs = (await ctx.settings.get()).phones.maxWaitMinutes * 60_000;
  let open = 0;
  for (const logout of pending) {
    const done = await ctx.locks.run([`user:${logout.user_guid}`], async () => {
      const holder = ctx.pbx.holderOf(logout.mac);
      if (holder?.guid === logout.user_guid) {
        // The desk is gone, but a call on its phone is not cut off (up to the administrator's limit).
        if (onCall(ctx, logout.mac) && logout.created_at.getTime() + maxWaitMs > ctx.now()) return false;
        try {
          // Past the administrator's limit the call does not hold it back (the freeze still does).
          await takePhone(ctx, logout.mac, logout.user_guid, null, { duringCall: 'allow' });
        } catch (error) {
          log.error(
            { error: errorField(error) },
            `pending logout of ${logout.user_name} at ${logout.desk_name} not done yet:`,
          );
          return false;
        }
        await recordAudit(ctx.db, {
          actor: logout.actor,
          action: 'occupancy.force_logout',
          target: logout.desk_name,
          result: 'ok',
          detail: { user: logout.user_name, displayName: holder.displayName, mac: logout.mac, reason: logout.reason },
        });
      }
      await ctx.db.query('DELETE FROM pending_logouts WHERE id = $1::bigint', [logout.id]);
      return true;
    });
    if (!done) open += 1;
  }
  if (pending.length > 0) ctx.events.publish({ type: 'occupancy', deskIds: [] });
  return open;
}
