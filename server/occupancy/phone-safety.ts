import { recordAudit } from '../audit/audit.ts';
import type { PbxCall } from '../pbx/pbx.ts';
import { getDesksByIds } from '../desks/desk-store.ts';
import { isBaseObject, type OccupancyContext } from './occupancy-context.ts';
import { openSessionsOfUser } from './desk-sessions.ts';
import type { EmergencyNotice } from './emergency-notices.ts';

/**
 * Watches the calls of one PBX user: a call to an emergency number from a desk phone (the person checked
 * in there, or the desk's base object) is written down once (by the PBX's call id), freezes the desk for
 * the callback window, is audited, and its notice to security is queued with it (the outbox in
 * emergency-notices.ts delivers it; `noticeQueued` is told). Returns the desks it froze.
 */
export async function noteEmergencyCalls(
  ctx: OccupancyContext,
  guid: string,
  noticeQueued: () => void,
): Promise<string[]> {
  const { phones } = await ctx.settings.get();
  const numbers = new Set(phones.emergencyNumbers);
  const calls = ctx.pbx.callsOf(guid).filter((call) => call.outgoing && numbers.has(normalise(call.remote)));
  if (calls.length === 0) return [];
  const user = ctx.pbx.userByGuid(guid);
  if (!user) return [];
  const desks = isBaseObject(user)
    ? await ctx.db.query<{ id: string; name: string; mac: string }>(
        `SELECT d.id::text AS id, d.name, d.mac FROM base_objects b JOIN desks d ON d.id = b.desk_id WHERE b.guid = $1`,
        [guid],
      )
    : await getDesksByIds(
        ctx.db,
        (await openSessionsOfUser(ctx.db, guid)).map((session) => session.deskId),
      );
  const sites = new Map(
    (
      await ctx.db.query<{ desk_id: string; site: string; address: string; floor: string }>(
        `SELECT d.id::text AS desk_id, s.name AS site, s.address, f.name AS floor FROM desks d
         JOIN floors f ON f.id = d.floor_id JOIN sites s ON s.id = f.site_id WHERE d.id = ANY($1::uuid[])`,
        [desks.map((desk) => desk.id)],
      )
    ).map((row) => [row.desk_id, row]),
  );
  const frozen: string[] = [];
  for (const call of calls) {
    for (const desk of desks) {
      const site = sites.get(desk.id);
      const notice: EmergencyNotice = {
        desk: desk.name,
        site: site?.site ?? null,
        // The dispatchable location: street address, floor, desk.
        address: site ? [site.address, site.floor, `Desk ${desk.name}`].filter((part) => part !== '').join(', ') : null,
        person: isBaseObject(user) ? null : user.displayName,
        number: normalise(call.remote),
        time: new Date(ctx.now()).toISOString(),
      };
      if (await recordEmergency(ctx, call, desk, notice, phones)) frozen.push(desk.id);
    }
  }
  if (frozen.length > 0 && phones.webhookUrl !== null) noticeQueued();
  if (frozen.length > 0) {
    ctx.events.publish({ type: 'occupancy', deskIds: frozen });
    // Every helpdesk and administrator console raises the alert.
    ctx.events.publish({ type: 'emergency' });
  }
  return frozen;
}

/** Written down once per call and desk, with the notice to deliver when a webhook is set; false when it already was. */
async function recordEmergency(
  ctx: OccupancyContext,
  call: PbxCall,
  desk: { id: string; name: string; mac: string },
  notice: EmergencyNotice,
  phones: { callbackMinutes: number; webhookUrl: string | null },
): Promise<boolean> {
  const at = new Date(ctx.now());
  const inserted = await ctx.db.query<{ id: string }>(
    `INSERT INTO emergency_calls (call_key, desk_id, desk_name, user_guid, user_name, number, at, frozen_until, mac,
       notice, notice_url, notice_state, notice_next_at)
     VALUES ($1, $2::uuid, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $7)
     ON CONFLICT (call_key) DO NOTHING RETURNING id::text AS id`,
    [
      `${call.key}:${desk.id}`,
      desk.id,
      desk.name,
      call.guid,
      notice.person,
      notice.number,
      at,
      new Date(at.getTime() + phones.callbackMinutes * 60_000),
      desk.mac.toLowerCase(),
      phones.webhookUrl === null ? null : JSON.stringify(notice),
      phones.webhookUrl,
      phones.webhookUrl === null ? null : 'pending',
    ],
  );
  if (inserted.length === 0) return false;
  await recordAudit(ctx.db, {
    actor: 'pbx',
    action: 'emergency.call',
    target: desk.name,
    result: 'ok',
    detail: { number: notice.number, user: notice.person, callbackMinutes: phones.callbackMinutes },
  });
  return true;
}

/** A dialled number as the emergency list has it (no spaces or dashes). */
const normalise = (number: string) => number.replace(/[\s-]/g, '');
