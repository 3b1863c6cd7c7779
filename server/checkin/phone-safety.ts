import { recordAudit } from '../audit.ts';
import type { PbxCall } from '../pbx/pbx.ts';
import { getDesksByIds } from '../desks/desk-store.ts';
import { isBaseObject, type OccupancyContext } from './occupancy-context.ts';
import { openSessionsOfUser } from './session-store.ts';
import { errorField, log } from '../log.ts';

/** What the webhook receives on every emergency call; site and address where the desk's floor has a site. */
export interface EmergencyNotice {
  desk: string;
  site: string | null;
  address: string | null;
  person: string | null;
  number: string;
  time: string;
}

/**
 * Watches the calls of one PBX user: a call to an emergency number from a desk phone (the person checked
 * in there, or the desk's base object) is written down once (by the PBX's call id), freezes the desk for
 * the callback window, is audited, and is told to the webhook. Returns the desks it froze.
 */
export async function noteEmergencyCalls(
  ctx: OccupancyContext,
  guid: string,
  notify: (url: string, notice: EmergencyNotice) => Promise<void>,
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
      if (
        await recordEmergency(ctx, call, desk, isBaseObject(user) ? null : user.displayName, phones.callbackMinutes)
      ) {
        frozen.push(desk.id);
        const site = sites.get(desk.id);
        const notice: EmergencyNotice = {
          desk: desk.name,
          site: site?.site ?? null,
          // The dispatchable location: street address, floor, desk.
          address: site
            ? [site.address, site.floor, `Desk ${desk.name}`].filter((part) => part !== '').join(', ')
            : null,
          person: isBaseObject(user) ? null : user.displayName,
          number: normalise(call.remote),
          time: new Date(ctx.now()).toISOString(),
        };
        if (phones.webhookUrl !== null) {
          const url = phones.webhookUrl;
          void notify(url, notice)
            .then(
              () =>
                recordAudit(ctx.db, {
                  actor: 'system',
                  action: 'emergency.notify',
                  target: desk.name,
                  result: 'ok',
                  detail: { url },
                }),
              (error: unknown) =>
                recordAudit(ctx.db, {
                  actor: 'system',
                  action: 'emergency.notify',
                  target: desk.name,
                  result: 'failed',
                  detail: { url, error: error instanceof Error ? error.message : String(error) },
                }),
            )
            // The service may be stopping meanwhile: the notice went out (or not) either way.
            .catch((error: unknown) =>
              log.error({ error: errorField(error) }, 'emergency webhook result not audited:'),
            );
        }
      }
    }
  }
  if (frozen.length > 0) ctx.events.publish({ type: 'occupancy', deskIds: frozen });
  return frozen;
}

/** Written down once per call and desk; false when it already was. */
async function recordEmergency(
  ctx: OccupancyContext,
  call: PbxCall,
  desk: { id: string; name: string; mac: string },
  person: string | null,
  callbackMinutes: number,
): Promise<boolean> {
  const at = new Date(ctx.now());
  const inserted = await ctx.db.query<{ id: string }>(
    `INSERT INTO emergency_calls (call_key, desk_id, desk_name, user_guid, user_name, number, at, frozen_until, mac)
     VALUES ($1, $2::uuid, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (call_key) DO NOTHING RETURNING id::text AS id`,
    [
      `${call.key}:${desk.id}`,
      desk.id,
      desk.name,
      call.guid,
      person,
      normalise(call.remote),
      at,
      new Date(at.getTime() + callbackMinutes * 60_000),
      desk.mac.toLowerCase(),
    ],
  );
  if (inserted.length === 0) return false;
  await recordAudit(ctx.db, {
    actor: 'pbx',
    action: 'emergency.call',
    target: desk.name,
    result: 'ok',
    detail: { number: normalise(call.remote), user: person, callbackMinutes },
  });
  return true;
}

/** A dialled number as the emergency list has it (no spaces or dashes). */
const normalise = (number: string) => number.replace(/[\s-]/g, '');

/** POSTs the notice as JSON; a slow or failing receiver is given up on after a few seconds. */
export async function postWebhook(url: string, notice: EmergencyNotice): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(notice),
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`The webhook answered ${response.status}.`);
}
