import type { Desk } from '../../contract/desks.ts';
import type { CheckinRequest, CheckinResponse, MySession } from '../../contract/checkin.ts';
import { findDeskNamed, getDesk, getDesksByIds } from '../desks/desk-store.ts';
import { DomainError } from '../lib/domain-error.ts';
import {
  assertPhoneMayMove,
  closeSession,
  describeSession,
  freeHolder,
  frozenDesks,
  isBaseObject,
  onCall,
  recordCheckin,
  takePhone,
  type OccupancyContext,
  frozenMessage,
} from './occupancy-context.ts';
import { followDeskLocation } from './site-location.ts';
import { openSessionOfDesk, openSessionsOfUser } from './desk-sessions.ts';
import { bookingAhead, bookingInWindow, confirmSeated } from '../bookings/booking-store.ts';
import { neighbourhoodRefusal } from '../../contract/neighbourhoods.ts';
import { neighbourhoodsOfDesks } from '../neighbourhoods/neighbourhoods.ts';
import { msg } from '../../i18n/message.ts';

/** The employee's own moves: check in at a desk, check out, and where they sit now. */

/** An employee checks in (by desk name, computer name or thin-client name). */
export async function checkin(
  ctx: OccupancyContext,
  userName: string,
  request: CheckinRequest,
  via: 'console' | 'token',
): Promise<CheckinResponse> {
  const settings = await ctx.settings.get();
  if (!settings.loginMethods[request.method]) {
    throw new DomainError('forbidden', 'method_disabled', msg('api.checkinFlow.wayCheckingSwitchedOff'));
  }
  const desk = await findDesk(ctx, request);
  if (!desk) {
    throw new DomainError(
      'not_found',
      'unknown_desk',
      request.method === 'desk'
        ? msg('api.checkinFlow.thereDeskCalled', { value: request.value })
        : msg('api.checkinFlow.deskComputer', { value: request.value }),
    );
  }
  return checkinAt(ctx, desk, userName, request.method, via === 'token' ? `${userName} (token)` : userName, {
    askBeforeTakeOver: via === 'console' && request.takeOver !== true,
    // A logon script cannot ask anyone: it never takes a desk someone sits at.
    neverTakeOver: via === 'token',
  });
}

/**
 * Checks `userName` in at `desk` by `method`, under the settings' policies: the one flow behind every
 * check-in (the employee's own, the desk phone's keypad, the helpdesk's on someone's behalf). `by` is who
 * did it, for the audit; `subject` how messages name the person ("You", or their name for the helpdesk);
 * `askBeforeTakeOver` refuses to take an occupied desk until the person has confirmed it; `neverTakeOver` (a
 * check-in that cannot ask: a logon script's token) refuses it whatever the policy.
 */
export async function checkinAt(
  ctx: OccupancyContext,
  found: Desk,
  userName: string,
  method: string,
  by: string,
  {
    subject = 'You',
    askBeforeTakeOver = false,
    neverTakeOver = false,
    onBehalf = false,
  }: {
    subject?: string;
    askBeforeTakeOver?: boolean;
    neverTakeOver?: boolean;
    /** Staff check someone in (or a booking made for them is confirmed): a neighbourhood does not hold them back. */
    onBehalf?: boolean;
  } = {},
): Promise<CheckinResponse> {
  const settings = await ctx.settings.get();
  if (!found.enabled)
    throw new DomainError('conflict', 'desk_closed', msg('api.checkinFlow.deskClosedCheck', { foundName: found.name }));
  const user = await findPerson(ctx, userName);
  return ctx.locks.run([`desk:${found.id}`, `user:${user.guid}`], async () => {
    // Read again under the lock: the desk may have been deleted or given another phone meanwhile.
    const desk = await getDesk(ctx.db, found.id);
    if (!desk)
      throw new DomainError(
        'not_found',
        'unknown_desk',
        msg('api.checkinFlow.deskDeletedJustNow', { foundName: found.name }),
      );
    const at = new Date(ctx.now());
    const phoneHolder = ctx.pbx.holderOf(desk.mac);
    // The desk's base object holds a free desk's phone: nobody sits there.
    const holder = phoneHolder && !isBaseObject(phoneHolder) ? phoneHolder : null;
    if (holder?.guid === user.guid) {
      const existing =
        (await openSessionOfDesk(ctx.db, desk.id)) ?? (await recordCheckin(ctx, desk, user, 'pbx', by, at, null));
      // Sitting there already: checking in again confirms a booking whose window is open.
      if ((await confirmSeated(ctx.db, desk.id, user.name, at, by)) > 0)
        ctx.events.publish({ type: 'me', users: [user.name] });
      return { session: await describeSession(ctx, existing, desk), tookOverFrom: null, movedFrom: [] };
    }
    await assertNotBookedByOthers(ctx, desk, userName, at, subject);
    if (!onBehalf) await assertNeighbourhood(ctx, desk, user, at, settings.autoLogout.timeZone);
    if (holder && neverTakeOver) {
      throw new DomainError(
        'conflict',
        'desk_occupied',
        msg('api.checkinFlow.deskUseLogonScript', { deskName: desk.name, holderDisplayName: holder.displayName }),
      );
    }
    if (holder && settings.policies.occupiedDesk === 'refuse') {
      throw new DomainError(
        'conflict',
        'desk_occupied',
        msg('api.checkinFlow.deskTaken', { deskName: desk.name, holderDisplayName: holder.displayName }),
      );
    }
    if (holder) {
      const frozen = (await frozenDesks(ctx, [desk.id])).get(desk.id);
      if (frozen) throw new DomainError('conflict', 'desk_frozen', frozenMessage(desk.name, frozen, settings));
      if (onCall(ctx, desk.mac)) {
        throw new DomainError(
          'conflict',
          'desk_on_call',
          msg('api.checkinFlow.callDeskTryAgain', { holderDisplayName: holder.displayName, deskName: desk.name }),
        );
      }
      if (askBeforeTakeOver) {
        throw new DomainError(
          'conflict',
          'take_over_unconfirmed',
          msg('api.checkinFlow.deskUseTakingOver', { deskName: desk.name, holderDisplayName: holder.displayName }),
          undefined,
          { occupant: { displayName: holder.displayName }, desk: desk.name },
        );
      }
    }
    const elsewhere = (await openSessionsOfUser(ctx.db, user.guid)).filter((session) => session.deskId !== desk.id);
    if (elsewhere.length > 0 && settings.policies.secondDesk === 'refuse') {
      throw new DomainError(
        'conflict',
        'already_checked_in',
        subject === 'You'
          ? msg('api.checkinFlow.checkedAnotherDeskCheck')
          : msg('api.checkinFlow.checkedAnotherDeskCheck2', { subject }),
      );
    }
    const movedFrom: string[] = [];
    // Every phone this check-in moves is checked first, so that it is refused before anything moved.
    for (const session of settings.policies.secondDesk === 'move' ? elsewhere : [])
      await assertPhoneMayMove(ctx, session.mac);
    await assertPhoneMayMove(ctx, desk.mac);
    if (settings.policies.secondDesk === 'move') {
      for (const session of elsewhere) {
        await takePhone(ctx, session.mac, user.guid, await freeHolder(ctx, session.deskId));
        await closeSession(ctx, session, 'moved', userName, at);
        movedFrom.push(session.deskId);
      }
    }
    await takePhone(ctx, desk.mac, phoneHolder?.guid ?? null, user.guid);
    const session = await recordCheckin(ctx, desk, user, method, by, at, holder);
    await followDeskLocation(ctx, desk.id, user, session.id);
    ctx.events.publish({ type: 'occupancy', deskIds: [desk.id, ...movedFrom] });
    const names = movedFrom.length ? (await getDesksByIds(ctx.db, movedFrom)).map((other) => other.name) : [];
    return {
      session: await describeSession(ctx, session, desk),
      tookOverFrom: holder?.displayName ?? null,
      movedFrom: names,
    };
  });
}

/** A neighbourhood's desk is its members' (others' from its hour on), unless the person booked it. */
async function assertNeighbourhood(
  ctx: OccupancyContext,
  desk: Desk,
  user: { name: string; groups: string[] },
  at: Date,
  timeZone: string,
): Promise<void> {
  const rule = (await neighbourhoodsOfDesks(ctx.db, [desk.id])).get(desk.id) ?? null;
  const refusal = neighbourhoodRefusal(rule, user.groups, { start: at, now: at, timeZone });
  if (!refusal) return;
  const booked = await bookingInWindow(ctx.db, desk.id, at);
  if (booked?.userName.toLowerCase() === user.name.toLowerCase()) return;
  throw new DomainError('conflict', 'desk_neighbourhood', refusal);
}

/**
 * The walk-in guard: nobody but its person checks in at a desk booked from now or within the policy's minutes.
 * Staff see whose booking it is (to cancel it if they must); the employee only that it is booked.
 */
async function assertNotBookedByOthers(
  ctx: OccupancyContext,
  desk: Desk,
  userName: string,
  at: Date,
  subject: string,
): Promise<void> {
  const settings = await ctx.settings.get();
  const guard = settings.bookings.walkInGuardMinutes;
  if (guard === null) return;
  const booking = await bookingAhead(ctx.db, desk.id, userName, at, guard);
  if (!booking) return;
  const timeZone = settings.autoLogout.timeZone;
  const time = (instant: Date) => (locale: string) =>
    instant.toLocaleTimeString(locale === 'de' ? 'de-DE' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
  const values = { deskName: desk.name, start: time(booking.start), end: time(booking.end) };
  throw new DomainError(
    'conflict',
    'desk_booked',
    subject === 'You'
      ? msg('api.checkinFlow.deskBookedYou', values)
      : msg('api.checkinFlow.deskBookedFor', { ...values, displayName: booking.displayName }),
  );
}

/** The employee leaves every desk they are checked in at. */
export async function checkout(ctx: OccupancyContext, userName: string): Promise<string[]> {
  const user = await findPerson(ctx, userName);
  const sessions = await openSessionsOfUser(ctx.db, user.guid);
  // Refused as a whole (a call, an emergency freeze) before any desk is left.
  for (const session of sessions) await assertPhoneMayMove(ctx, session.mac);
  const left: string[] = [];
  for (const session of sessions) {
    await ctx.locks.run([`desk:${session.deskId}`, `user:${user.guid}`], async () => {
      await takePhone(ctx, session.mac, user.guid, await freeHolder(ctx, session.deskId));
      await closeSession(ctx, session, 'checked_out', userName, new Date(ctx.now()));
      left.push(session.deskId);
    });
  }
  ctx.events.publish({ type: 'occupancy', deskIds: left });
  return left;
}

export async function mySessions(ctx: OccupancyContext, userName: string): Promise<MySession[]> {
  const user = await ctx.pbx.findUser(userName).catch(() => null);
  if (!user) return [];
  const sessions = await openSessionsOfUser(ctx.db, user.guid);
  return Promise.all(
    sessions.map(async (session) => describeSession(ctx, session, await getDesk(ctx.db, session.deskId))),
  );
}

/** A PBX user who is a person (a desk's base object never checks in anywhere). */
async function findPerson(ctx: OccupancyContext, userName: string) {
  const user = await ctx.pbx.findUser(userName);
  if (!user || isBaseObject(user))
    throw new DomainError('forbidden', 'not_a_pbx_user', msg('api.shared.onlyPbxUsersCan'));
  return user;
}

function findDesk(ctx: OccupancyContext, request: CheckinRequest): Promise<Desk | null> {
  return findDeskNamed(ctx.db, request.method === 'desk' ? 'desk' : 'computer', request.value);
}
