import { http, HttpResponse } from 'msw';
import { allows } from '../../contract/access.ts';
import { bookingFiguresQuerySchema } from '../../contract/analytics.ts';
import { bookingsCalendar, calendarName, type CalendarBooking } from '../../contract/booking-calendar.ts';
import { localMoment } from '../../contract/office-hours.ts';
import { bookingRuleBreach, confirmationWindow, weeklyOccurrences } from '../../contract/booking-rules.ts';
import {
  availabilityQuerySchema,
  bookingsQuerySchema,
  changeBookingSchema,
  createBookingSchema,
  type Booking,
  type MyBookings,
} from '../../contract/bookings.ts';
import type { MockDeskState } from './desks.ts';
import type { MockOccupancyState } from './checkin.ts';
import { consoleLocale, fail, newId, parseBody, publish, recordAudit, said, sayMessage } from './kit.ts';
import { mockAccess, type MockApiState } from './session.ts';

/** A booking as the mock keeps it: the contract's shape seen by its person. */
export type MockBooking = Omit<Booking, 'mine'>;

/** The calendar in the console's language, times of day in the office's time zone. */
const calendarIn = (timeZone: string) => ({ locale: consoleLocale(), timeZone });

const active = (booking: MockBooking) => booking.state === 'booked' || booking.state === 'confirmed';
const overlaps = (booking: MockBooking, start: string, end: string) =>
  Date.parse(booking.start) < Date.parse(end) && Date.parse(booking.end) > Date.parse(start);
const isOf = (booking: MockBooking, user: string) => booking.person?.name.toLowerCase() === user.toLowerCase();

/** As the service: a check-in inside a booking's window confirms it (called by the mock's check-in flow). */
export function confirmMockBooking(occupancy: MockOccupancyState, deskId: string, userName: string): boolean {
  const now = Date.now();
  const booking = occupancy.bookings.find(
    (one) =>
      one.deskId === deskId &&
      one.state === 'booked' &&
      isOf(one, userName) &&
      Date.parse(one.confirmFrom) <= now &&
      now < Math.min(Date.parse(one.confirmUntil), Date.parse(one.end)),
  );
  if (booking) booking.state = 'confirmed';
  return booking !== undefined;
}

const ics = (text: string) => new HttpResponse(text, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });

const asCalendar = (booking: MockBooking): CalendarBooking => ({
  id: booking.id,
  deskName: booking.deskName,
  where: [booking.deskName, booking.floorName].filter(Boolean).join(', '),
  address: null,
  start: new Date(booking.start),
  end: new Date(booking.end),
  made: new Date(booking.start),
  state: booking.state,
  confirmFrom: new Date(booking.confirmFrom),
  confirmUntil: new Date(booking.confirmUntil),
});

/** Bookings over the mock's desks, with the service's rules (contract/booking-rules.ts) and views. */
export function bookingHandlers(
  state: MockApiState,
  tables: MockDeskState,
  occupancy: MockOccupancyState,
  baseUrl = '',
) {
  const api = (path: string) => `${baseUrl}/api/v1${path}`;
  const view = (booking: MockBooking, viewer: string, full: boolean): Booking => {
    const mine = isOf(booking, viewer);
    return {
      ...booking,
      mine,
      person: mine || full ? booking.person : null,
      bookedBy: mine || full ? booking.bookedBy : null,
    };
  };
  // As the service's round: unconfirmed bookings whose window closed are released when read.
  const settle = () => {
    const now = Date.now();
    for (const booking of occupancy.bookings) {
      if (booking.state !== 'booked' || Date.parse(booking.confirmUntil) > now) continue;
      const seated = occupancy.occupants.get(booking.deskId)?.name === booking.person?.name;
      booking.state = seated ? 'confirmed' : 'released';
      recordAudit(state, 'service', seated ? 'booking.confirm' : 'booking.release', 'ok', {}, booking.id);
    }
  };
  const floorOf = (deskId: string) =>
    tables.floors.find((floor) => floor.id === tables.desks.find((d) => d.id === deskId)?.floorId);

  return [
    http.get(api('/bookings'), ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'bookings');
      if (refused) return refused;
      const parsed = bookingsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
      if (!parsed.success) return fail(400, 'bad_request', said('api.shared.invalidRange'));
      settle();
      const staff = allows(session.user.roles, 'staff.read');
      const { floorId, from, to } = parsed.data;
      const bookings = occupancy.bookings
        .filter((one) => overlaps(one, from, to) && (floorId === undefined || floorOf(one.deskId)?.id === floorId))
        .filter((one) => staff || occupancy.settings.bookings.showOthers || isOf(one, session.user.name))
        .sort((a, b) => a.start.localeCompare(b.start) || a.deskName.localeCompare(b.deskName))
        .map((one) => view(one, session.user.name, staff));
      return HttpResponse.json({ bookings, timeZone: occupancy.settings.autoLogout.timeZone });
    }),

    http.get(api('/bookings/availability'), ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'bookings');
      if (refused) return refused;
      const parsed = availabilityQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
      if (!parsed.success) return fail(400, 'bad_request', said('api.shared.invalidRange'));
      settle();
      const { floorId, q, from, to } = parsed.data;
      const staff = allows(session.user.roles, 'staff.read');
      const desks = tables.desks
        .filter((desk) => desk.enabled && (floorId === undefined || desk.floorId === floorId))
        .filter((desk) => desk.name.toLowerCase().startsWith(q.toLowerCase()))
        .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
      return HttpResponse.json({
        desks: desks.slice(0, 200).map((desk) => {
          const booked = occupancy.bookings.filter(
            (one) => one.deskId === desk.id && active(one) && overlaps(one, from, to),
          );
          const status = booked.some((one) => isOf(one, session.user.name))
            ? 'mine'
            : !desk.bookable
              ? 'walk_in'
              : booked.length > 0 && (staff || occupancy.settings.bookings.showOthers)
                ? 'booked'
                : 'free';
          const floor = tables.floors.find((candidate) => candidate.id === desk.floorId);
          return {
            id: desk.id,
            name: desk.name,
            floorId: floor?.id ?? null,
            floorName: floor?.name ?? null,
            status,
            // The mock knows no PBX groups: its neighbourhoods are the service's to enforce.
            neighbourhood: null,
            x: desk.x,
            y: desk.y,
            occupiedNow: occupancy.occupants.has(desk.id),
          };
        }),
        truncated: desks.length > 200,
      });
    }),

    http.post(api('/bookings'), async ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'bookings');
      if (refused) return refused;
      const input = await parseBody(request, createBookingSchema);
      if (input instanceof Response) return input;
      const onBehalf = input.user !== undefined && input.user !== session.user.name;
      if (onBehalf && !allows(session.user.roles, 'people.checkin'))
        return fail(403, 'forbidden', said('api.bookingService.onlyStaffBookForOthers'));
      const account = state.accounts.find((candidate) => candidate.name === (input.user ?? session.user.name));
      if (!account)
        return fail(404, 'unknown_person', said('api.bookingService.therePbxUser', { user: input.user ?? '' }));
      const desk = tables.desks.find((candidate) => candidate.id === input.deskId);
      if (!desk) return fail(404, 'unknown_desk', said('api.shared.deskDoesExistAny'));
      if (!desk.bookable)
        return fail(409, 'booking_conflict', said('api.bookingService.deskWalkInsOnly', { deskName: desk.name }));
      const now = Date.now();
      const settings = occupancy.settings;
      const occurrences = weeklyOccurrences(
        input.start,
        input.end,
        input.repeatWeeklyUntil,
        settings.autoLogout.timeZone,
      );
      const seriesId = occurrences.length > 1 ? newId() : null;
      const made: MockBooking[] = [];
      const conflicts: { start: string; end: string; message: string }[] = [];
      for (const occurrence of occurrences) {
        const breach = bookingRuleBreach(occurrence, { now, settings, onBehalf });
        const clash = occupancy.bookings.find(
          (one) =>
            active(one) &&
            overlaps(one, occurrence.start, occurrence.end) &&
            (one.deskId === desk.id || isOf(one, account.name)),
        );
        const message =
          (breach && sayMessage(breach)) ??
          (clash
            ? clash.deskId === desk.id && !isOf(clash, account.name)
              ? said('api.bookingService.deskBookedPartTime', { deskName: desk.name })
              : said('api.bookingService.haveBookedDeskTime', { ownDeskName: clash.deskName })
            : null);
        if (message) {
          conflicts.push({ ...occurrence, message });
          continue;
        }
        const window = confirmationWindow(occurrence, settings.bookings);
        const booking: MockBooking = {
          id: newId(),
          deskId: desk.id,
          deskName: desk.name,
          floorId: desk.floorId,
          floorName: tables.floors.find((floor) => floor.id === desk.floorId)?.name ?? null,
          ...occurrence,
          state: 'booked',
          confirmFrom: window.start,
          confirmUntil: window.end,
          person: { name: account.name, displayName: account.displayName },
          bookedBy: session.user.name,
          seriesId,
        };
        occupancy.bookings.push(booking);
        made.push(booking);
        recordAudit(state, session.user.name, 'booking.create', 'ok', { user: account.name, ...occurrence }, desk.name);
      }
      const [first] = conflicts;
      if (made.length === 0 && first) return fail(409, 'booking_conflict', first.message);
      publish(
        state,
        { type: 'bookings', floorIds: desk.floorId ? [desk.floorId] : [] },
        { type: 'me', users: [account.name] },
      );
      return HttpResponse.json(
        { bookings: made.map((one) => view(one, session.user.name, true)), conflicts },
        { status: 201 },
      );
    }),

    http.patch(api('/bookings/:id'), async ({ request, params, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'bookings');
      if (refused) return refused;
      const input = await parseBody(request, changeBookingSchema);
      if (input instanceof Response) return input;
      const booking = occupancy.bookings.find((one) => one.id === params.id);
      if (!booking || (!isOf(booking, session.user.name) && !allows(session.user.roles, 'people.checkin')))
        return fail(404, 'not_found', said('api.shared.bookingDoesExistAny'));
      if (!active(booking) || Date.parse(booking.end) <= Date.now())
        return fail(409, 'booking_ended', said('api.bookingService.bookingAlreadyCancelledReleased'));
      const clash = occupancy.bookings.find(
        (one) =>
          one !== booking &&
          active(one) &&
          overlaps(one, booking.end, input.end) &&
          (one.deskId === booking.deskId || isOf(one, booking.person?.name ?? '')),
      );
      if (clash)
        return fail(
          409,
          'booking_conflict',
          said('api.bookingService.deskItsPersonBooked', { rowDeskName: booking.deskName }),
        );
      booking.end = new Date(input.end).toISOString();
      recordAudit(state, session.user.name, 'booking.change', 'ok', { user: booking.person?.name }, booking.deskName);
      publish(state, { type: 'bookings', floorIds: booking.floorId ? [booking.floorId] : [] });
      return HttpResponse.json(view(booking, session.user.name, true));
    }),

    http.delete(api('/bookings/:id'), ({ request, params, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'bookings');
      if (refused) return refused;
      const booking = occupancy.bookings.find((one) => one.id === params.id);
      if (!booking || (!isOf(booking, session.user.name) && !allows(session.user.roles, 'people.checkin')))
        return fail(404, 'not_found', said('api.shared.bookingDoesExistAny'));
      if (!active(booking) || Date.parse(booking.end) <= Date.now())
        return fail(409, 'booking_ended', said('api.bookingService.bookingAlreadyCancelledReleased'));
      booking.state = 'cancelled';
      recordAudit(state, session.user.name, 'booking.cancel', 'ok', { user: booking.person?.name }, booking.deskName);
      publish(state, { type: 'bookings', floorIds: booking.floorId ? [booking.floorId] : [] });
      return new HttpResponse(null, { status: 204 });
    }),

    http.get(api('/bookings/:id/calendar.ics'), ({ request, params, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'bookings');
      if (refused) return refused;
      const booking = occupancy.bookings.find((one) => one.id === params.id);
      if (!booking || (!isOf(booking, session.user.name) && !allows(session.user.roles, 'people.checkin')))
        return fail(404, 'not_found', said('api.shared.bookingDoesExistAny'));
      return ics(
        bookingsCalendar(
          [asCalendar(booking)],
          calendarName(booking.deskName),
          calendarIn(occupancy.settings.autoLogout.timeZone),
        ),
      );
    }),

    http.get(api('/calendar/:secret/bookings.ics'), ({ params }) => {
      const person = [...occupancy.calendarFeeds].find(([, feed]) => feed.secret === params.secret)?.[0];
      if (person === undefined) return fail(404, 'not_found', said('api.bookings.calendarAddressDoesWork'));
      return ics(
        bookingsCalendar(
          occupancy.bookings.filter((one) => isOf(one, person)).map(asCalendar),
          calendarName(null),
          calendarIn(occupancy.settings.autoLogout.timeZone),
        ),
      );
    }),

    http.get(api('/me/calendar-feed'), ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'self.checkin');
      if (refused) return refused;
      const feed = occupancy.calendarFeeds.get(session.user.name);
      return HttpResponse.json({ active: feed !== undefined, since: feed?.since ?? null });
    }),

    http.post(api('/me/calendar-feed'), ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'self.checkin');
      if (refused) return refused;
      const secret = `${newId()}${newId()}`.replaceAll('-', '');
      occupancy.calendarFeeds.set(session.user.name, { secret, since: new Date().toISOString() });
      return HttpResponse.json(
        { url: `${new URL(request.url).origin}/api/v1/calendar/${secret}/bookings.ics` },
        { status: 201 },
      );
    }),

    http.delete(api('/me/calendar-feed'), ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'self.checkin');
      if (refused) return refused;
      occupancy.calendarFeeds.delete(session.user.name);
      return new HttpResponse(null, { status: 204 });
    }),

    http.get(api('/analytics/bookings'), ({ request, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'analytics');
      if (refused) return refused;
      const parsed = bookingFiguresQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
      if (!parsed.success) return fail(400, 'bad_request', said('api.shared.invalidRange'));
      settle();
      const { from, to, floorId } = parsed.data;
      const timeZone = occupancy.settings.autoLogout.timeZone;
      const counts = { booked: 0, confirmed: 0, released: 0, cancelled: 0 };
      for (const booking of occupancy.bookings) {
        const day = localMoment(new Date(booking.start), timeZone).day;
        if (day < from || day > to || (floorId !== undefined && booking.floorId !== floorId)) continue;
        counts[booking.state] += 1;
      }
      const settled = counts.confirmed + counts.released;
      return HttpResponse.json({
        made: counts.booked + counts.confirmed + counts.released + counts.cancelled,
        ...counts,
        noShowRate: settled === 0 ? null : Math.round((counts.released / settled) * 1000) / 10,
      });
    }),

    http.get(api('/me/bookings'), ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'self.checkin');
      if (refused) return refused;
      settle();
      const dayStart = new Date();
      dayStart.setHours(0, 0, 0, 0);
      const body: MyBookings = {
        bookings: occupancy.bookings
          .filter((one) => isOf(one, session.user.name) && Date.parse(one.end) > dayStart.getTime())
          .sort((a, b) => a.start.localeCompare(b.start))
          .map((one) => view(one, session.user.name, true)),
        policy: {
          horizonDays: occupancy.settings.bookings.horizonDays,
          confirmBeforeMinutes: occupancy.settings.bookings.confirmBeforeMinutes,
          confirmAfterMinutes: occupancy.settings.bookings.confirmAfterMinutes,
          timeZone: occupancy.settings.autoLogout.timeZone,
        },
      };
      return HttpResponse.json(body);
    }),
  ];
}
