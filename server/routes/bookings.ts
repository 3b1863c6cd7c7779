import { Hono } from 'hono';
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
import { parseJson, parseWith } from '../http/request.ts';
import { requireAccess, requireSession, type AppEnv } from '../http/session-middleware.ts';

const badQuery = { en: 'Invalid range.', de: 'Ungültiger Zeitraum.' };

/** /api/v1/bookings and /api/v1/me/bookings: booking desks ahead. */
export function bookingRoutes(deps: BookingDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/bookings', requireAccess('bookings'), async (c) => {
    const query = parseWith(bookingsQuerySchema, c.req.query(), badQuery);
    return c.json(await listBookings(deps, requireSession(c).user, query));
  });
  routes.get('/bookings/availability', requireAccess('bookings'), async (c) => {
    const query = parseWith(availabilityQuerySchema, c.req.query(), badQuery);
    return c.json(await availability(deps, requireSession(c).user, query));
  });
  routes.post('/bookings', requireAccess('bookings'), async (c) => {
    const input = await parseJson(c, createBookingSchema);
    return c.json(await createBookings(deps, requireSession(c).user, input), 201);
  });
  routes.patch('/bookings/:id', requireAccess('bookings'), async (c) => {
    const change = await parseJson(c, changeBookingSchema);
    return c.json(await changeBooking(deps, requireSession(c).user, c.req.param('id'), change));
  });
  routes.delete('/bookings/:id', requireAccess('bookings'), async (c) => {
    await cancelBooking(deps, requireSession(c).user, c.req.param('id'));
    return c.body(null, 204);
  });
  routes.get('/me/bookings', requireAccess('self.checkin'), async (c) =>
    c.json(await myBookings(deps, requireSession(c).user)),
  );
  return routes;
}
