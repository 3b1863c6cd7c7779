import type { Desk } from '../../contract/desks.ts';
import type { EmergencyNoticeState } from '../../contract/occupancy.ts';
import type { MySession } from '../../contract/checkin.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { getDesk } from '../desks/desk-store.ts';
import { DomainError } from '../lib/domain-error.ts';
import type { EventBus } from '../lib/events.ts';
import type { Mutex } from '../lib/keyed-mutex.ts';
import { BASE_GROUP, isBaseObject, PbxMoveError, personHolding, type Pbx, type PbxUser } from '../pbx/pbx.ts';
import type { SettingsStore } from '../settings/settings-service.ts';
import { endSession, startSessionEndingOpen, type OpenSession } from './desk-sessions.ts';
import { restoreHomeLocation } from './site-location.ts';
import { noticeState } from './emergency-notices.ts';
import type { Settings } from '../../contract/settings.ts';
import type { Message } from '../lib/text.ts';
import { msg } from '../../i18n/message.ts';

/**
 * What every part of the occupancy service shares: the stores, the PBX, and one lock. Every change to a
 * desk happens under that desk's (and the person's) lock, so check-ins, logouts and the reconciler racing
 * for one desk are served one after the other.
 */
export interface OccupancyContext {
  db: Db;
  pbx: Pbx;
  events: EventBus;
  settings: SettingsStore;
  locks: Mutex;
  now: () => number;
  /** Whether this instance does the background work (server/db/leadership.ts); always with one instance. */
  leads: () => boolean;
  /** Each check-in's method, outcome (`ok` or the refusal's code) and duration, for the metrics. */
  observeCheckin: (method: string, outcome: string, seconds: number) => void;
}

/** Runs a check-in and tells `observeCheckin` how it went. */
export async function observed<T>(ctx: OccupancyContext, method: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    const result = await work();
    ctx.observeCheckin(method, 'ok', (performance.now() - started) / 1000);
    return result;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    ctx.observeCheckin(method, typeof code === 'string' ? code : 'error', (performance.now() - started) / 1000);
    throw error;
  }
}

export type EndReason =
  | 'checked_out'
  | 'taken_over'
  | 'moved'
  | 'forced'
  | 'auto_daily'
  | 'auto_max'
  | 'booking_end'
  | 'pbx'
  | 'desk_deleted';

export { BASE_GROUP, isBaseObject };

export const personAt = (ctx: OccupancyContext, mac: string): PbxUser | null => personHolding(ctx.pbx, mac);

/** Where a desk's phone goes when nobody sits there: its base object (when on and created), else nowhere. */
export async function freeHolder(ctx: OccupancyContext, deskId: string): Promise<string | null> {
  const { phones } = await ctx.settings.get();
  if (!phones.baseObjects) return null;
  const [row] = await ctx.db.query<{ guid: string }>('SELECT guid FROM base_objects WHERE desk_id = $1::uuid', [
    deskId,
  ]);
  return row && ctx.pbx.userByGuid(row.guid) ? row.guid : null;
}

/** Whether the phone's holder (a person or a base object) is on a call now. */
export function onCall(ctx: OccupancyContext, mac: string): boolean {
  const holder = ctx.pbx.holderOf(mac);
  return holder !== null && ctx.pbx.callsOf(holder.guid).length > 0;
}

/** The latest emergency call of each desk whose callback window is still open, and how its notice went. */
export async function frozenDesks(
  ctx: OccupancyContext,
  deskIds?: readonly string[],
): Promise<Map<string, { number: string; at: Date; until: Date; notice: EmergencyNoticeState | null }>> {
  const rows = await ctx.db.query<{
    desk_id: string;
    number: string;
    at: Date;
    frozen_until: Date;
    notice_state: string | null;
    notice_error: string | null;
  }>(
    `SELECT DISTINCT ON (desk_id) desk_id::text AS desk_id, number, at, frozen_until, notice_state, notice_error
     FROM emergency_calls
     WHERE frozen_until > $1 AND desk_id IS NOT NULL ${deskIds ? 'AND desk_id = ANY($2::uuid[])' : ''}
     ORDER BY desk_id, frozen_until DESC`,
    deskIds ? [new Date(ctx.now()), [...deskIds]] : [new Date(ctx.now())],
  );
  return new Map(
    rows.map((row) => [
      row.desk_id,
      { number: row.number, at: row.at, until: row.frozen_until, notice: noticeState(row) },
    ]),
  );
}

/** Why a desk is left as it is: an emergency call and its callback window, in the service's time zone. */
export function frozenMessage(
  deskName: string,
  emergency: { number: string; at: Date; until: Date },
  settings: Pick<Settings, 'autoLogout'>,
): Message {
  const time = (at: Date) =>
    at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: settings.autoLogout.timeZone });
  return msg('api.occupancyContext.frozen', {
    number: emergency.number,
    deskName,
    at: time(emergency.at),
    until: time(emergency.until),
  });
}

/** The open emergency freeze of a phone (by its MAC, whatever became of its desk), or undefined. */
export async function phoneFreeze(
  ctx: OccupancyContext,
  mac: string,
): Promise<{ deskName: string; number: string; at: Date; until: Date } | undefined> {
  const [row] = await ctx.db.query<{ desk_name: string; number: string; at: Date; frozen_until: Date }>(
    `SELECT desk_name, number, at, frozen_until FROM emergency_calls WHERE mac = $1 AND frozen_until > $2
     ORDER BY frozen_until DESC LIMIT 1`,
    [mac.toLowerCase(), new Date(ctx.now())],
  );
  return row && { deskName: row.desk_name, number: row.number, at: row.at, until: row.frozen_until };
}

/**
 * The safety rule of every path that moves a phone (check-in, check-out, keypad, logouts, deletions, imports,
 * base objects): a phone is never moved while its desk's emergency callback window is open, nor off the object
 * it is calling from (unless `duringCall: 'allow'`: a helpdesk's forced logout, an administrator's time limit).
 */
export async function assertPhoneMayMove(
  ctx: OccupancyContext,
  mac: string,
  options: { duringCall?: 'allow' } = {},
): Promise<void> {
  const freeze = await phoneFreeze(ctx, mac);
  if (freeze) {
    const settings = await ctx.settings.get();
    throw new DomainError('conflict', 'desk_frozen', frozenMessage(freeze.deskName, freeze, settings));
  }
  const holder = ctx.pbx.holderOf(mac);
  if (options.duringCall !== 'allow' && holder && ctx.pbx.callsOf(holder.guid).length > 0) {
    const who = isBaseObject(holder) ? msg('api.occupancyContext.deskPhone') : holder.displayName;
    throw new DomainError('conflict', 'desk_on_call', msg('api.occupancyContext.onCall', { who }));
  }
}

/** Moves a phone on the PBX, under the safety rule (assertPhoneMayMove); the adapter's errors become the service's. */
export async function takePhone(
  ctx: OccupancyContext,
  mac: string,
  from: string | null,
  to: string | null,
  options: { duringCall?: 'allow' } = {},
): Promise<void> {
  if (from !== to) await assertPhoneMayMove(ctx, mac, options);
  const { device } = await ctx.settings.get();
  try {
    await ctx.pbx.moveDevice({ mac, from, to, device });
  } catch (error) {
    if (!(error instanceof PbxMoveError)) throw error;
    if (error.code === 'conflict') {
      throw new DomainError('conflict', 'desk_changed', msg('api.occupancyContext.deskSPhoneChanged'));
    }
    // In words for the person at the desk: what did not happen, that nothing else did, and what to do.
    throw new DomainError(
      'semantic',
      'pbx_unavailable',
      error.code === 'unavailable'
        ? msg('api.occupancyContext.phoneSystemPbxCannot')
        : msg('api.occupancyContext.phoneSystemPbxRefused', { errorMessage: error.message }),
    );
  }
}

export function sessionFor(
  desk: Desk,
  user: PbxUser,
  method: string,
  by: string,
  since: Date,
): Omit<OpenSession, 'id'> {
  return {
    deskId: desk.id,
    mac: desk.mac,
    userGuid: user.guid,
    userName: user.name,
    displayName: user.displayName,
    method,
    checkedInBy: by,
    since,
  };
}

/** A check-in's session, ending the desk's previous one, audited. */
export async function recordCheckin(
  ctx: OccupancyContext,
  desk: Desk,
  user: PbxUser,
  method: string,
  by: string,
  at: Date,
  previous: PbxUser | null,
): Promise<OpenSession> {
  const { session, endedId } = await startSessionEndingOpen(
    ctx.db,
    sessionFor(desk, user, method, by, at),
    previous ? 'taken_over' : 'pbx',
    {
      actor: by,
      action: 'occupancy.checkin',
      target: desk.name,
      result: 'ok',
      detail: { user: user.name, method, mac: desk.mac, ...(previous ? { tookOverFrom: previous.name } : {}) },
    },
  );
  // Whoever had the desk goes back to their own PBX location.
  if (endedId !== null) await restoreHomeLocation(ctx, endedId);
  tellPeople(ctx, [user.name, previous?.name]);
  return session;
}

/** These people's own desks changed: their open My desk pages refresh (events.ts sends each only their own). */
export function tellPeople(ctx: Pick<OccupancyContext, 'events'>, names: readonly (string | null | undefined)[]): void {
  const users = [...new Set(names.filter((name): name is string => typeof name === 'string' && name !== ''))];
  if (users.length > 0) ctx.events.publish({ type: 'me', users });
}

/** Ends a session; a check-out or a move is audited here (logouts audit themselves). */
export async function closeSession(
  ctx: OccupancyContext,
  session: OpenSession,
  reason: EndReason,
  actor: string,
  at: Date,
): Promise<void> {
  await endSession(ctx.db, session.id, reason, at);
  await restoreHomeLocation(ctx, session.id);
  tellPeople(ctx, [session.userName]);
  if (reason === 'checked_out' || reason === 'moved') {
    const desk = await getDesk(ctx.db, session.deskId);
    await recordAudit(ctx.db, {
      actor,
      action: 'occupancy.checkout',
      target: desk?.name ?? session.deskId,
      result: 'ok',
      detail: { user: session.userName, reason },
    });
  }
}

export async function describeSession(
  ctx: OccupancyContext,
  session: OpenSession,
  desk: Desk | null,
): Promise<MySession> {
  const [floor] = desk?.floorId
    ? await ctx.db.query<{ name: string }>('SELECT name FROM floors WHERE id = $1::uuid', [desk.floorId])
    : [];
  return {
    deskId: session.deskId,
    deskName: desk?.name ?? '',
    floorName: floor?.name ?? null,
    since: session.since.toISOString(),
    method: session.method,
    // Registered to anyone, or re-registering after the check-in moved it (which takes the phone seconds).
    phoneRegistered: desk !== null && ctx.pbx.phoneOnline(desk.mac),
  };
}
