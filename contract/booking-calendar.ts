import ical, { ICalEventStatus } from 'ical-generator';
import type { BookingState } from './bookings.ts';
import { msg, type Locale, type Message } from '../i18n/message.ts';
import { inLocale } from '../i18n/translate.ts';

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

/** How the calendar is written: in the reader's language, times of day in the office's time zone. */
export interface CalendarLanguage {
  locale: Locale;
  timeZone: string;
}

/** The calendar's name: one booking's desk, or the person's bookings. */
export const calendarName = (deskName: string | null) =>
  deskName === null ? msg('contract.calendar.feed') : msg('contract.calendar.desk', { desk: deskName });

/**
 * Bookings as an iCalendar text (the service's files and feeds, and the browser-only demo's): one event each, its
 * UID the booking's id so that a calendar updates it in place; a cancelled or released booking as CANCELLED, so
 * that subscribed calendars remove it; times as instants (UTC in the file).
 */
export function bookingsCalendar(
  bookings: readonly CalendarBooking[],
  name: Message,
  { locale, timeZone }: CalendarLanguage,
): string {
  const say = (message: Message) => inLocale(message, locale);
  const clock = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const calendar = ical({
    name: say(name),
    prodId: { company: 'Hotdesk', product: 'Hotdesk bookings', language: locale.toUpperCase() },
  });
  for (const booking of bookings) {
    calendar.createEvent({
      id: `${booking.id}@hotdesk`,
      start: booking.start,
      end: booking.end,
      stamp: booking.made,
      summary: say(calendarName(booking.deskName)),
      location: [booking.where, booking.address].filter(Boolean).join(' · '),
      description: say(
        booking.state === 'booked'
          ? msg('contract.calendar.confirm', {
              desk: booking.deskName,
              from: clock.format(booking.confirmFrom),
              until: clock.format(booking.confirmUntil),
            })
          : msg('contract.calendar.state', { state: booking.state }),
      ),
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
