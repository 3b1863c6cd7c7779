import { recordAudit } from '../audit/audit.ts';
import type { OccupancyContext } from './occupancy-context.ts';
import { errorField, log } from '../lib/log.ts';

/**
 * Location follows the desk: a person checking in at a desk whose site has a PBX location moves there
 * (`loc`) for the session, so that their calls, emergency calls above all, leave through that site's PBX.
 * Their own location is kept with the session and given back when it ends. A refusal is logged and
 * audited; the check-in itself stands.
 */
export async function followDeskLocation(
  ctx: OccupancyContext,
  deskId: string,
  user: { guid: string; name: string; loc: string },
  sessionId: string,
): Promise<void> {
  const { phones } = await ctx.settings.get();
  if (!phones.locationFollowsDesk) return;
  const [row] = await ctx.db.query<{ pbx_location: string | null; name: string }>(
    `SELECT s.pbx_location, d.name FROM desks d JOIN floors f ON f.id = d.floor_id JOIN sites s ON s.id = f.site_id
     WHERE d.id = $1::uuid`,
    [deskId],
  );
  const loc = row?.pbx_location ?? null;
  if (!row || loc === null || loc === user.loc) return;
  try {
    await ctx.pbx.setLocation(user.guid, loc);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordAudit(ctx.db, {
      actor: 'system',
      action: 'pbx.location',
      target: row.name,
      result: 'failed',
      detail: { user: user.name, from: user.loc, to: loc, error: message },
    });
    return;
  }
  await ctx.db.query('UPDATE desk_sessions SET home_loc = $2 WHERE id = $1::bigint', [sessionId, user.loc]);
  await recordAudit(ctx.db, {
    actor: 'system',
    action: 'pbx.location',
    target: row.name,
    result: 'ok',
    detail: { user: user.name, from: user.loc, to: loc },
  });
}

/** A session that moved its person to another PBX location has ended: they go back to their own. */
export async function restoreHomeLocation(ctx: OccupancyContext, sessionId: string): Promise<void> {
  const [row] = await ctx.db.query<{ user_guid: string; user_name: string; home_loc: string | null }>(
    'SELECT user_guid, user_name, home_loc FROM desk_sessions WHERE id = $1::bigint',
    [sessionId],
  );
  if (!row || row.home_loc === null) return;
  const user = ctx.pbx.userByGuid(row.user_guid);
  if (!user || user.loc === row.home_loc) return;
  try {
    await ctx.pbx.setLocation(row.user_guid, row.home_loc);
    await recordAudit(ctx.db, {
      actor: 'system',
      action: 'pbx.location',
      target: row.user_name,
      result: 'ok',
      detail: { user: row.user_name, from: user.loc, to: row.home_loc },
    });
  } catch (error) {
    log.error(
      { error: errorField(error), user: row.user_name, loc: row.home_loc },
      'not moved back to the home location',
    );
  }
}
