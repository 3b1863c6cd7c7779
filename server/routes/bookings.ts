import { contractRouter } from '../http/contract-route.ts';
import {
  availabilityQuerySchema,
  bookingsQuerySchema,
  changeBookingSchema,
  createBookingSchema,
} from '../../contract/bookings.ts';
import {
  cancelBooking,
  changeBooking,
  createBookings,
  listBookings,
  myBookings,
  type BookingDeps,
} from '../bookings/booking-service.ts';
import { availability } from '../bookings/availability.ts';
import { allows } from '../../contract/access.ts';
import { isUuid } from '../../contract/ids.ts';
import {
  bookingIcs,
  calendarFeed,
  calendarFeedSince,
  renewCalendarFeed,
  stopCalendarFeed,
} from '../bookings/calendar.ts';
import { HttpError } from '../http/http-error.ts';
import { parseJson, parseWith } from '../http/request.ts';
import { requireSession } from '../http/session-middleware.ts';
import { inLocale, pickLocale } from '../lib/text.ts';
import { msg } from '../../i18n/message.ts';

const badQuery = msg('api.shared.invalidRange');

const ics = (body: string, file: string) =>
  new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file}"`,
      'Cache-Control': 'private, no-store',
    },
  });

/** /api/v1/bookings and /api/v1/me/bookings: booking desks ahead. */
export function bookingRoutes(deps: BookingDeps & { publicUrl: () => string }) {
  const { router, serve } = contractRouter();
  const notThere = () => new HttpError(404, 'not_found', msg('api.shared.bookingDoesExistAny'));

  serve('GET /bookings', async (c) => {
    const query = parseWith(bookingsQuerySchema, c.req.query(), badQuery);
    return c.json(await listBookings(deps, requireSession(c).user, query));
  });
  serve('GET /bookings/availability', async (c) => {
    const query = parseWith(availabilityQuerySchema, c.req.query(), badQuery);
    return c.json(await availability(deps, requireSession(c).user, query));
  });
  serve('POST /bookings', async (c) => {
    const input = await parseJson(c, createBookingSchema);
    const { bookings, conflicts } = await createBookings(deps, requireSession(c).user, input);
    const locale = pickLocale(c.req.header('accept-language'));
    const said = conflicts.map((conflict) => ({ ...conflict, message: inLocale(conflict.message, locale) }));
    return c.json({ bookings, conflicts: said }, 201);
  });
  serve('PATCH /bookings/:id', async (c) => {
    const change = await parseJson(c, changeBookingSchema);
    return c.json(await changeBooking(deps, requireSession(c).user, c.req.param('id'), change));
  });
  serve('DELETE /bookings/:id', async (c) => {
    await cancelBooking(deps, requireSession(c).user, c.req.param('id'));
    return c.body(null, 204);
  });
  serve('GET /bookings/:id/calendar.ics', async (c) => {
    const user = requireSession(c).user;
    const id = c.req.param('id');
    const settings = await deps.settings.get();
    const language = { locale: pickLocale(c.req.header('accept-language')), timeZone: settings.autoLogout.timeZone };
    const file = isUuid(id) ? await bookingIcs(deps.db, id, language) : null;
    const mine = file?.userName.toLowerCase() === user.name.toLowerCase();
    if (!file || (!mine && !allows(user.roles, 'people.checkin'))) throw notThere();
    return ics(file.ics, 'booking.ics');
  });
  // The private feed: its secret is the address (calendar apps send no credentials). Unknown: 404, as any path.
  serve('GET /calendar/:secret/bookings.ics', async (c) => {
    // A calendar app may name no language: the one e-mails default to.
    const settings = await deps.settings.get();
    const header = c.req.header('accept-language');
    const locale = header ? pickLocale(header) : settings.notifications.defaultLanguage;
    const language = { locale, timeZone: settings.autoLogout.timeZone };
    const feed = await calendarFeed(deps.db, c.req.param('secret'), new Date(deps.now()), language);
    if (feed === null) throw new HttpError(404, 'not_found', msg('api.bookings.calendarAddressDoesWork'));
    return ics(feed, 'bookings.ics');
  });
  serve('GET /me/calendar-feed', async (c) => {
    const since = await calendarFeedSince(deps.db, requireSession(c).user.name);
    return c.json({ active: since !== null, since: since?.toISOString() ?? null });
  });
  serve('POST /me/calendar-feed', async (c) => {
    const secret = await renewCalendarFeed(deps.db, requireSession(c).user.name, new Date(deps.now()));
    return c.json({ url: `${deps.publicUrl()}/api/v1/calendar/${secret}/bookings.ics` }, 201);
  });
  serve('DELETE /me/calendar-feed', async (c) => {
    await stopCalendarFeed(deps.db, requireSession(c).user.name);
    return c.body(null, 204);
  });
  serve('GET /me/bookings', async (c) => c.json(await myBookings(deps, requireSession(c).user)));
  return router;
}
