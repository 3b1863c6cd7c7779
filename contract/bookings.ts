import { z } from './zod.ts';
import { messageText } from '../i18n/message.ts';

/**
 * Desk bookings. Times are instants (ISO 8601 with an offset); the console shows them in the office's time zone.
 * A booking is confirmed by checking in at its desk within its window, and released when nobody did.
 */

const instant = z.iso.datetime({ offset: true, message: messageText('contract.bookings.time20261208t09') });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, messageText('contract.bookings.date20261208'));

export const bookingStateSchema = z.enum(['booked', 'confirmed', 'released', 'cancelled']);
export type BookingState = z.infer<typeof bookingStateSchema>;

export const bookingSchema = z.object({
  id: z.string(),
  deskId: z.string(),
  deskName: z.string(),
  floorId: z.string().nullable(),
  floorName: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  state: bookingStateSchema,
  /** When checking in at the desk confirms it; a booking nobody confirmed by `confirmUntil` is released. */
  confirmFrom: z.string(),
  confirmUntil: z.string(),
  /** Whose booking it is; null where the viewer may only see that the desk is booked. */
  person: z.object({ name: z.string(), displayName: z.string() }).nullable(),
  /** The viewer's own booking. */
  mine: z.boolean(),
  /** Who made it (the person, or staff on their behalf); null where the person is hidden. */
  bookedBy: z.string().nullable(),
  /** The occurrences of one weekly series share it. */
  seriesId: z.string().nullable(),
});
export type Booking = z.infer<typeof bookingSchema>;

/** The longest range one listing covers. */
export const MAX_BOOKING_RANGE_DAYS = 62;

const rangeOk = (range: { from: string; to: string }) => Date.parse(range.to) > Date.parse(range.from);
const rangeShortEnough = (range: { from: string; to: string }) =>
  Date.parse(range.to) - Date.parse(range.from) <= MAX_BOOKING_RANGE_DAYS * 86_400_000;

/** GET /api/v1/bookings: the bookings overlapping `from`…`to` (of one floor, or of all). */
export const bookingsQuerySchema = z
  .object({
    floorId: z.string().uuid(messageText('contract.bookings.unknownFloor')).optional(),
    from: instant,
    to: instant,
  })
  .refine(rangeOk, { message: messageText('contract.bookings.rangeEndsBeforeStarts'), path: ['to'] })
  .refine(rangeShortEnough, {
    message: messageText('contract.bookings.rangeTooLong', { days: MAX_BOOKING_RANGE_DAYS }),
    path: ['to'],
  });
export type BookingsQuery = z.infer<typeof bookingsQuerySchema>;

export const bookingListSchema = z.object({
  bookings: z.array(bookingSchema),
  /** The office's time zone: what "a day" and the times mean. */
  timeZone: z.string(),
});

/** POST /api/v1/bookings. */
export const createBookingSchema = z
  .object({
    deskId: z.string().trim().min(1, messageText('contract.bookings.chooseDesk')).max(64),
    start: instant,
    end: instant,
    /** Staff booking on someone's behalf: their PBX user name. */
    user: z.string().trim().min(1).max(64).optional(),
    /** The same time every week up to and including this day (the office's calendar). */
    repeatWeeklyUntil: localDate.optional(),
  })
  .refine((booking) => Date.parse(booking.end) > Date.parse(booking.start), {
    message: messageText('contract.bookings.endComesAfterStart'),
    path: ['end'],
  });
export type CreateBooking = z.input<typeof createBookingSchema>;

/** PATCH /api/v1/bookings/:id: a new end (extending a booking, or ending it earlier). */
export const changeBookingSchema = z.object({ end: instant });
export type ChangeBooking = z.infer<typeof changeBookingSchema>;

/** An occurrence of a weekly series that could not be booked, and why. */
export const bookingConflictSchema = z.object({ start: z.string(), end: z.string(), message: z.string() });

export const createBookingResponseSchema = z.object({
  bookings: z.array(bookingSchema),
  /** Occurrences not booked; the others are. */
  conflicts: z.array(bookingConflictSchema),
});
export type CreateBookingResponse = z.infer<typeof createBookingResponseSchema>;

/** A desk as someone choosing where to book sees it for a time. */
export const bookableDeskSchema = z.object({
  id: z.string(),
  name: z.string(),
  floorId: z.string().nullable(),
  floorName: z.string().nullable(),
  /**
   * free: nobody booked it for that time; booked: somebody did; mine: the viewer did; reserved: a neighbourhood's
   * desk the viewer is not a member of (not yet, or never); walk_in: nobody books it ahead.
   */
  status: z.enum(['free', 'booked', 'mine', 'reserved', 'walk_in']),
  /** The neighbourhood it belongs to, and whether the viewer is a member (listed first). */
  neighbourhood: z.object({ name: z.string(), member: z.boolean(), othersFrom: z.string().nullable() }).nullable(),
  /** Where it stands on its floor's plan (0..1); null: not placed. */
  x: z.number().nullable(),
  y: z.number().nullable(),
  /** Somebody is checked in there now. */
  occupiedNow: z.boolean(),
});
export type BookableDesk = z.infer<typeof bookableDeskSchema>;

/** GET /api/v1/bookings/availability: the enabled desks (of a floor, or whose name starts with `q`) for a time. */
export const availabilityQuerySchema = z
  .object({
    floorId: z.string().uuid(messageText('contract.bookings.unknownFloor')).optional(),
    q: z.string().trim().max(64).default(''),
    from: instant,
    to: instant,
  })
  .refine(rangeOk, { message: messageText('contract.bookings.rangeEndsBeforeStarts'), path: ['to'] });
export type AvailabilityQuery = z.infer<typeof availabilityQuerySchema>;

export const availabilitySchema = z.object({
  desks: z.array(bookableDeskSchema),
  /** More desks matched than the first 200 listed. */
  truncated: z.boolean(),
});
export type Availability = z.infer<typeof availabilitySchema>;

/** GET /api/v1/me/bookings: one's bookings from today on, and the rules they were made under. */
export const myBookingsSchema = z.object({
  bookings: z.array(bookingSchema),
  policy: z.object({
    horizonDays: z.number().int(),
    confirmBeforeMinutes: z.number().int(),
    confirmAfterMinutes: z.number().int(),
    timeZone: z.string(),
  }),
});
export type MyBookings = z.infer<typeof myBookingsSchema>;

/** GET /api/v1/me/calendar-feed: whether one has a private calendar address, and since when. */
export const calendarFeedSchema = z.object({ active: z.boolean(), since: z.string().nullable() });

/** POST /api/v1/me/calendar-feed: the new private address (shown this once; the previous one stops working). */
export const calendarFeedCreatedSchema = z.object({ url: z.string() });
