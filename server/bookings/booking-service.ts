import { randomUUID } from 'node:crypto';
import { allows } from '../../contract/access.ts';
import type { SessionUser } from '../../contract/api.ts';
import {
  bookingRuleBreach,
  confirmationWindow,
  MAX_BOOKING_HOURS,
  weeklyOccurrences,
  type Occurrence,
} from '../../contract/booking-rules.ts';
import { isUuid } from '../../contract/ids.ts';
import type {
  Booking,
  BookingsQuery,
  ChangeBooking,
  CreateBooking,
  CreateBookingResponse,
  MyBookings,
} from '../../contract/bookings.ts';
import { localMoment } from '../../contract/office-hours.ts';
import { neighbourhoodRefusal } from '../../contract/neighbourhoods.ts';
import { neighbourhoodsOfDesks } from '../neighbourhoods/neighbourhoods.ts';
import { zonedTimeToUtc } from '../../contract/local-time.ts';
import type { Db } from '../db/db.ts';
import { getDesk } from '../desks/desk-store.ts';
import { DomainError } from '../lib/domain-error.ts';
import type { EventBus } from '../lib/events.ts';
import { isBaseObject, type Pbx } from '../pbx/pbx.ts';
import type { SettingsStore } from '../settings/settings-service.ts';
import {
  bookingById,
  bookingsBetween,
  bookingsInWeek,
  bookingsOf,
  cancelBookingRow,
  changeBookingEnd,
  confirmSeated,
  insertBooking,
  overlapping,
  purgeOldBookings,
  settleDueBookings,
  toBooking,
} from './booking-store.ts';
import { msg, type Message } from '../../i18n/message.ts';

/** Booking desks ahead: who may book what, for whom, and when a booking is settled. */

export interface BookingDeps {
  db: Db;
  events: EventBus;
  pbx: Pbx;
  settings: SettingsStore;
  now: () => number;
}

const forbidden = (message: Message) => new DomainError('forbidden', 'forbidden', message);

/** Midnight of the office's day of `now`. */
function startOfOfficeDay(now: number, timeZone: string): Date {
  const [year = 0, month = 1, day = 1] = localMoment(new Date(now), timeZone).day.split('-').map(Number);
  return zonedTimeToUtc(timeZone, year, month, day, 0, 0);
}

/**
 * Staff see every booking with its person (in works-council mode not of days gone by); employees their own, and
 * others' (without names) where allowed.
 */
export async function listBookings(
  deps: BookingDeps,
  viewer: SessionUser,
  query: BookingsQuery,
): Promise<{ bookings: Booking[]; timeZone: string }> {
  const staff = allows(viewer.roles, 'staff.read');
  const settings = await deps.settings.get();
  const rows = await bookingsBetween(deps.db, {
    ...query,
    onlyOf: staff || settings.bookings.showOthers ? undefined : viewer.name,
  });
  // Works-council mode: a booking over is one person's history, not shown with their name (theirs aside).
  const timeZone = settings.autoLogout.timeZone;
  const today = startOfOfficeDay(deps.now(), timeZone).getTime();
  const hidden = (row: { ends_at: Date }) => settings.privacy.aggregateOnly && row.ends_at.getTime() <= today;
  return {
    bookings: rows.map((row) => toBooking(row, viewer.name, staff && !hidden(row) ? 'full' : 'anonymous')),
    timeZone,
  };
}

/** The person's bookings from the start of today (the office's day) on, and the rules they are under. */
export async function myBookings(deps: BookingDeps, viewer: SessionUser): Promise<MyBookings> {
  const settings = await deps.settings.get();
  const timeZone = settings.autoLogout.timeZone;
  const rows = await bookingsOf(deps.db, viewer.name, startOfOfficeDay(deps.now(), timeZone));
  return {
    bookings: rows.map((row) => toBooking(row, viewer.name, 'full')),
    policy: {
      horizonDays: settings.bookings.horizonDays,
      confirmBeforeMinutes: settings.bookings.confirmBeforeMinutes,
      confirmAfterMinutes: settings.bookings.confirmAfterMinutes,
      timeZone,
    },
  };
}

/** Whom a booking is for: the viewer, or (staff who check people in) the PBX user named. */
async function bookingPerson(deps: BookingDeps, viewer: SessionUser, user: string | undefined) {
  if (user === undefined || user.toLowerCase() === viewer.name.toLowerCase()) {
    if (!viewer.roles.includes('user')) throw forbidden(msg('api.bookingService.onlyUsersBookForThemselves'));
    return { name: viewer.name, displayName: viewer.displayName, onBehalf: false };
  }
  if (!allows(viewer.roles, 'people.checkin')) throw forbidden(msg('api.bookingService.onlyStaffBookForOthers'));
  const person = await deps.pbx.findUser(user);
  if (!person || isBaseObject(person))
    throw new DomainError('not_found', 'unknown_person', msg('api.bookingService.therePbxUser', { user }));
  return { name: person.name, displayName: person.displayName, onBehalf: true };
}

/**
 * Books a desk, once or weekly. A single booking that cannot be made is refused (409) with the reason; of a series,
 * the occurrences that can be made are, and the others are listed with their reasons (refused only when none can).
 */
export async function createBookings(
  deps: BookingDeps,
  viewer: SessionUser,
  input: CreateBooking,
): Promise<
  Omit<CreateBookingResponse, 'conflicts'> & { conflicts: { start: string; end: string; message: Message }[] }
> {
  const settings = await deps.settings.get();
  const timeZone = settings.autoLogout.timeZone;
  const person = await bookingPerson(deps, viewer, input.user);
  const desk = await getDesk(deps.db, input.deskId);
  if (!desk) throw new DomainError('not_found', 'unknown_desk', msg('api.shared.deskDoesExistAny'));
  if (!desk.enabled)
    throw new DomainError('conflict', 'desk_closed', msg('api.bookingService.deskClosed', { deskName: desk.name }));
  if (!desk.bookable)
    throw new DomainError(
      'conflict',
      'booking_conflict',
      msg('api.bookingService.deskWalkInsOnly', { deskName: desk.name }),
    );
  // A neighbourhood's desk: its members' (others' from its hour on), unless staff book for someone.
  const rule = person.onBehalf ? null : ((await neighbourhoodsOfDesks(deps.db, [desk.id])).get(desk.id) ?? null);
  const groups = rule === null ? [] : ((await deps.pbx.findUser(person.name))?.groups ?? []);
  const now = deps.now();
  // What has already begun is booked from now on (the rest of today).
  const nowMinute = new Date(Math.floor(now / 60_000) * 60_000).toISOString();
  const occurrences = weeklyOccurrences(input.start, input.end, input.repeatWeeklyUntil, timeZone).map((one) =>
    Date.parse(one.start) < now ? { ...one, start: nowMinute } : one,
  );
  const seriesId = occurrences.length > 1 ? randomUUID() : null;
  const made: string[] = [];
  const conflicts: { start: string; end: string; message: Message }[] = [];
  for (const occurrence of occurrences) {
    const outside = neighbourhoodRefusal(rule, groups, {
      start: new Date(occurrence.start),
      now: new Date(now),
      timeZone,
    });
    if (outside) {
      conflicts.push({ ...occurrence, message: outside });
      continue;
    }
    const refusal = await bookOne(deps, { desk, person, occurrence, seriesId, bookedBy: viewer.name, now });
    if (typeof refusal === 'string') made.push(refusal);
    else conflicts.push({ ...occurrence, message: refusal });
  }
  // Booked while sitting at the desk, inside the window: that is the confirmation.
  if (made.length > 0) await confirmSeated(deps.db, desk.id, person.name, new Date(now), viewer.name);
  const [first] = conflicts;
  if (made.length === 0 && first) throw new DomainError('conflict', 'booking_conflict', first.message);
  deps.events.publish({ type: 'bookings', floorIds: desk.floorId ? [desk.floorId] : [] });
  deps.events.publish({ type: 'me', users: [person.name] });
  const rows = await Promise.all(made.map((id) => bookingById(deps.db, id)));
  return {
    bookings: rows.flatMap((row) => (row ? [toBooking(row, viewer.name, 'full')] : [])),
    conflicts,
  };
}

/** Books one occurrence; answers the new booking's id, or why not. */
async function bookOne(
  deps: BookingDeps,
  {
    desk,
    person,
    occurrence,
    seriesId,
    bookedBy,
    now,
  }: {
    desk: { id: string; name: string };
    person: { name: string; displayName: string; onBehalf: boolean };
    occurrence: Occurrence;
    seriesId: string | null;
    bookedBy: string;
    now: number;
  },
): Promise<string | Message> {
  const settings = await deps.settings.get();
  const breach = bookingRuleBreach(occurrence, { now, settings, onBehalf: person.onBehalf });
  if (breach) return breach;
  const window = confirmationWindow(occurrence, settings.bookings);
  const id = await deps.db.transaction(async (tx) => {
    // One person's bookings are counted and written one request at a time, on every instance.
    await tx.query('SELECT pg_advisory_xact_lock(7302, hashtext(lower($1)))', [person.name]);
    const limit = settings.bookings.maxPerWeek;
    if (
      !person.onBehalf &&
      limit !== null &&
      (await bookingsInWeek(tx, person.name, occurrence.start, settings.autoLogout.timeZone)) >= limit
    )
      return msg('api.bookingService.weeklyLimit', { limit });
    return insertBooking(
      tx,
      {
        deskId: desk.id,
        userName: person.name,
        displayName: person.displayName,
        start: occurrence.start,
        end: occurrence.end,
        confirmFrom: window.start,
        confirmUntil: window.end,
        bookedBy,
        seriesId,
      },
      {
        actor: bookedBy,
        action: 'booking.create',
        target: desk.name,
        result: 'ok',
        detail: { user: person.name, start: occurrence.start, end: occurrence.end },
      },
    );
  });
  if (id !== null) return id;
  const clash = await overlapping(deps.db, desk.id, person.name, occurrence.start, occurrence.end);
  const subject = person.onBehalf ? person.displayName : null;
  if (clash.own && clash.own.desk_id !== desk.id)
    return subject
      ? msg('api.bookingService.bookedDeskTime', { subject, ownDeskName: clash.own.desk_name })
      : msg('api.bookingService.haveBookedDeskTime', { ownDeskName: clash.own.desk_name });
  if (clash.own)
    return subject
      ? msg('api.bookingService.alreadyBookedFor', { deskName: desk.name, subject })
      : msg('api.bookingService.alreadyBookedYou', { deskName: desk.name });
  return msg('api.bookingService.deskBookedPartTime', { deskName: desk.name });
}

const bookingEnded = () =>
  new DomainError('conflict', 'booking_ended', msg('api.bookingService.bookingAlreadyCancelledReleased'));

/** A booking the viewer may change: their own, or anyone's for staff who check people in (else: not there). */
async function visibleBooking(deps: BookingDeps, viewer: SessionUser, id: string) {
  const row = isUuid(id) ? await bookingById(deps.db, id) : null;
  const mine = row?.user_name.toLowerCase() === viewer.name.toLowerCase();
  if (!row || (!mine && !allows(viewer.roles, 'people.checkin')))
    throw new DomainError('not_found', 'not_found', msg('api.shared.bookingDoesExistAny'));
  return row;
}

/** Cancels a booking: one's own, or anyone's for staff who check people in. */
export async function cancelBooking(deps: BookingDeps, viewer: SessionUser, id: string): Promise<void> {
  const row = await visibleBooking(deps, viewer, id);
  const cancelled = await cancelBookingRow(deps.db, row.id, viewer.name, new Date(deps.now()), {
    actor: viewer.name,
    action: 'booking.cancel',
    target: row.desk_name,
    result: 'ok',
    detail: { user: row.user_name, start: row.starts_at.toISOString(), end: row.ends_at.toISOString() },
  });
  if (!cancelled) throw bookingEnded();
  deps.events.publish({ type: 'bookings', floorIds: row.floor_id ? [row.floor_id] : [] });
  deps.events.publish({ type: 'me', users: [row.user_name] });
}

/** Extends a booking (or ends it earlier): one's own, or anyone's for staff who check people in. */
export async function changeBooking(
  deps: BookingDeps,
  viewer: SessionUser,
  id: string,
  change: ChangeBooking,
): Promise<Booking> {
  const row = await visibleBooking(deps, viewer, id);
  const now = deps.now();
  const end = Date.parse(change.end);
  const start = row.starts_at.getTime();
  if (end <= Math.max(start, now) || end - start > MAX_BOOKING_HOURS * 3_600_000)
    throw new DomainError(
      'invalid',
      'bad_request',
      msg('api.bookingService.endMustAfterStart', { maxBookingHours: MAX_BOOKING_HOURS }),
      { end: msg('api.bookingService.chooseAnotherEnd') },
    );
  const outcome = await changeBookingEnd(deps.db, row.id, new Date(end).toISOString(), new Date(now), {
    actor: viewer.name,
    action: 'booking.change',
    target: row.desk_name,
    result: 'ok',
    detail: { user: row.user_name, before: row.ends_at.toISOString(), after: new Date(end).toISOString() },
  });
  if (outcome === 'taken')
    throw new DomainError(
      'conflict',
      'booking_conflict',
      msg('api.bookingService.deskItsPersonBooked', { rowDeskName: row.desk_name }),
    );
  if (outcome === 'gone') throw bookingEnded();
  deps.events.publish({ type: 'bookings', floorIds: row.floor_id ? [row.floor_id] : [] });
  deps.events.publish({ type: 'me', users: [row.user_name] });
  const changed = await bookingById(deps.db, row.id);
  if (!changed) throw bookingEnded();
  return toBooking(changed, viewer.name, 'full');
}

/** The background round: settles bookings whose window closed, and deletes those past the history's retention. */
export async function settleBookings(deps: BookingDeps): Promise<number> {
  const now = new Date(deps.now());
  const settled = await settleDueBookings(deps.db, now);
  if (settled.length > 0) {
    deps.events.publish({
      type: 'bookings',
      floorIds: [...new Set(settled.flatMap((one) => (one.floorId ? [one.floorId] : [])))],
    });
    deps.events.publish({ type: 'me', users: [...new Set(settled.map((one) => one.userName))] });
  }
  const { privacy } = await deps.settings.get();
  if (privacy.retentionDays !== null) await purgeOldBookings(deps.db, now, privacy.retentionDays);
  return settled.filter((one) => one.state === 'released').length;
}
