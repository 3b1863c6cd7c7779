import { bookingFiguresQuerySchema, bookingFiguresSchema } from './analytics.ts';
import type { ApiRoute } from './api-route.ts';
import {
  availabilityQuerySchema,
  availabilitySchema,
  bookingListSchema,
  bookingSchema,
  calendarFeedCreatedSchema,
  calendarFeedSchema,
  changeBookingSchema,
  bookingsQuerySchema,
  createBookingResponseSchema,
  createBookingSchema,
  myBookingsSchema,
} from './bookings.ts';

/** The booking endpoints (server/routes/bookings.ts), for the OpenAPI document and the route tests. */
export const BOOKING_ROUTES = [
  {
    method: 'GET',
    path: '/bookings',
    summary:
      'Bookings overlapping a range, of one floor or all: every booking with its person for staff; for employees their own, and others’ without names where the policy shows them',
    access: 'bookings',
    query: bookingsQuerySchema,
    response: bookingListSchema,
  },
  {
    method: 'GET',
    path: '/bookings/availability',
    summary: 'The enabled desks of a floor (or whose name starts with q), each free, booked or the viewer’s for a time',
    access: 'bookings',
    query: availabilityQuerySchema,
    response: availabilitySchema,
  },
  {
    method: 'POST',
    path: '/bookings',
    summary:
      'Book a desk (for oneself; helpdesk and administrators also for `user`), once or weekly until a day: the occurrences that cannot be booked are listed with why; 409 when none can',
    access: 'bookings',
    body: createBookingSchema,
    response: createBookingResponseSchema,
    status: 201,
    errors: [404, 409, 503],
    example: {
      deskId: '3f2c1e9a-2b1d-4c5e-9f00-1a2b3c4d5e6f',
      start: '2026-12-08T08:00:00+01:00',
      end: '2026-12-08T18:00:00+01:00',
      repeatWeeklyUntil: '2026-12-22',
    },
  },
  {
    method: 'PATCH',
    path: '/bookings/:id',
    summary:
      'Extend a booking (or end it earlier): one’s own; helpdesk and administrators anyone’s. 409 when the time it adds is booked',
    access: 'bookings',
    body: changeBookingSchema,
    response: bookingSchema,
    errors: [404, 409],
    example: { end: '2026-12-08T19:00:00+01:00' },
  },
  {
    method: 'DELETE',
    path: '/bookings/:id',
    summary: 'Cancel a booking: one’s own; helpdesk and administrators anyone’s',
    access: 'bookings',
    response: null,
    status: 204,
    errors: [404, 409],
  },
  {
    method: 'GET',
    path: '/bookings/:id/calendar.ics',
    summary: 'One booking as an iCalendar file (one’s own; helpdesk and administrators anyone’s)',
    access: 'bookings',
    response: { mediaType: 'text/calendar', description: 'An iCalendar file with the booking as one event.' },
    errors: [404],
  },
  {
    method: 'GET',
    path: '/calendar/:secret/bookings.ics',
    summary:
      'A person’s private calendar feed (the secret is the address): their bookings of the last month and ahead; cancelled and released ones as cancelled',
    access: 'public',
    response: { mediaType: 'text/calendar', description: 'An iCalendar feed to subscribe to.' },
    errors: [404],
  },
  {
    method: 'GET',
    path: '/me/calendar-feed',
    summary: 'Whether one has a private calendar address, and since when',
    access: 'self.checkin',
    response: calendarFeedSchema,
  },
  {
    method: 'POST',
    path: '/me/calendar-feed',
    summary: 'Make a new private calendar address (shown once); the previous one stops working',
    access: 'self.checkin',
    response: calendarFeedCreatedSchema,
    status: 201,
  },
  {
    method: 'DELETE',
    path: '/me/calendar-feed',
    summary: 'Stop the private calendar address',
    access: 'self.checkin',
    response: null,
    status: 204,
  },
  {
    method: 'GET',
    path: '/me/bookings',
    summary: 'One’s bookings from today on (booked, confirmed, released, cancelled) and the confirmation window',
    access: 'self.checkin',
    response: myBookingsSchema,
  },
  {
    method: 'GET',
    path: '/analytics/bookings',
    summary:
      'How the bookings starting on the days asked went: made, confirmed, released (nobody came), cancelled, and the no-show rate',
    access: 'analytics',
    query: bookingFiguresQuerySchema,
    response: bookingFiguresSchema,
  },
] as const satisfies readonly ApiRoute[];
