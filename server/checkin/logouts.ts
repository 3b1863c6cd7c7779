import type { ForceLogoutResponse } from '../../contract/occupancy.ts';
import { recordAudit } from '../audit.ts';
import type { Queryable } from '../db/db.ts';
import { getDesksByIds } from '../desks/desk-store.ts';
import { DomainError } from '../domain-error.ts';
import { closeSession, takePhone, type EndReason, type OccupancyContext } from './occupancy-context.ts';
import { openSessionOfDesk } from './session-store.ts';

/** Someone else logs people out: helpdesk, the automatic logout, removing a desk somebody sits at. */

/** A logout decided on together with removing the occupant's desk (see `pending_logouts`). */
export interface PlannedLogout {
  mac: string;
  userGuid: string;
  userName: string;
  deskName: string;
}

/** Helpdesk logs people out: per desk, the phone leaves the device list and the session ends. */
export async function forceLogout(
  ctx: OccupancyContext,
  actor: string,
  deskIds: readonly string[],
  reason: EndReason = 'forced',
): Promise<ForceLogoutResponse> {
  const desks = new Map((await getDesksByIds(ctx.db, deskIds)).map((desk) => [desk.id, desk]));
  const results: ForceLogoutResponse['results'] = [];
  for (const deskId of deskIds) {
    const desk = desks.get(deskId);
    if (!desk) {
      results.push({ deskId, status: 'failed', message: 'This desk does not exist (any more).' });
      continue;
    }
    results.push(
      await ctx.locks.run([`desk:${desk.id}`], async () => {
        const holder = ctx.pbx.holderOf(desk.mac);
        const session = await openSessionOfDesk(ctx.db, desk.id);
        if (!holder) {
          if (session) await closeSession(ctx, session, reason, actor, new Date(ctx.now()));
          return { deskId, status: 'was_free' as const };
        }
        try {
          await takePhone(ctx, desk.mac, holder.guid, null);
        } catch (error) {
          const message = error instanceof DomainError ? error.message : 'The PBX did not take the change.';
          await recordAudit(ctx.db, {
            actor,
            action: 'occupancy.force_logout',
            target: desk.name,
            result: 'failed',
            detail: { user: holder.name, error: message },
          });
          return { deskId, status: 'failed' as const, message };
        }
        if (session) await closeSession(ctx, session, reason, actor, new Date(ctx.now()));
        await recordAudit(ctx.db, {
          actor,
          action: 'occupancy.force_logout',
          target: desk.name,
          result: 'ok',
          detail: { user: holder.name, displayName: holder.displayName, mac: desk.mac, reason },
        });
        return { deskId, status: 'logged_out' as const };
      }),
    );
  }
  ctx.events.publish({ type: 'occupancy', deskIds: [...deskIds] });
  return { results };
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
  }>(`SELECT id::text AS id, mac, user_guid, user_name, desk_name, actor, reason FROM pending_logouts ORDER BY id`);
  let open = 0;
  for (const logout of pending) {
    const done = await ctx.locks.run([`user:${logout.user_guid}`], async () => {
      const holder = ctx.pbx.holderOf(logout.mac);
      if (holder?.guid === logout.user_guid) {
        try {
          await takePhone(ctx, logout.mac, logout.user_guid, null);
        } catch (error) {
          console.error(`pending logout of ${logout.user_name} at ${logout.desk_name} not done yet:`, error);
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
