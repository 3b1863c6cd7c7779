import ical, { ICalEventStatus } from 'ical-generator';
import type { BookingState } from './bookings.ts';

/** A booking as a calendar shows it. */
export interface CalendarBooking {
  id: string;
  deskName: string;
  /** Desk, floor and site, as one line. */
  where: string;
  address: string | null;
  start: Date;
  end: Date;
  made: Date;
  state: BookingState;
  confirmFrom: Date;
  confirmUntil: Date;
}

/**
 * Bookings as an iCalendar text (the service's files and feeds, and the browser-only demo's): one event each, its
 * UID the booking's id so that a calendar updates it in place; a cancelled or released booking as CANCELLED, so
 * that subscribed calendars remove it; times as instants (UTC in the file).
 */
export function bookingsCalendar(bookings: readonly CalendarBooking[], name: string): string {
  const calendar = ical({ name, prodId: { company: 'Hotdesk', product: 'Hotdesk bookings', language: 'EN' } });
  for (const booking of bookings) {
    calendar.createEvent({
      id: `${booking.id}@hotdesk`,
      start: booking.start,
      end: booking.end,
      stamp: booking.made,
      summary: `Desk ${booking.deskName}`,
      location: [booking.where, booking.address].filter(Boolean).join(' · '),
      description:
        booking.state === 'booked'
          ? `Check in at ${booking.deskName} between ${booking.confirmFrom.toISOString()} and ${booking.confirmUntil.toISOString()} to confirm the booking; unconfirmed, it is released.`
          : `Booking ${booking.state}.`,
      status:
        booking.state === 'cancelled' || booking.state === 'released'
          ? ICalEventStatus.CANCELLED
          : booking.state === 'confirmed'
            ? ICalEventStatus.CONFIRMED
            : ICalEventStatus.TENTATIVE,
    });
  }
  return calendar.toString();
}
