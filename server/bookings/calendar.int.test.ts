import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { calendarFeedCreatedSchema, calendarFeedSchema, createBookingResponseSchema } from '../../contract/bookings.ts';
import { deskListResponseSchema } from '../../contract/desks.ts';
import { closeHarness, setup } from '../../test/occupancy-fixture.ts';

afterEach(closeHarness);

const HOUR = 3_600_000;

/** The events of an iCalendar text, read by a parser of its own (ical.js), not by what wrote it. */
function eventsOf(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      status: String(component.getFirstPropertyValue('status')),
    };
  });
}

describe('bookings in calendars', () => {
  it('a booking as an .ics file, and a private feed that calendars subscribe to, renewed and stopped', async () => {
    const { as, admin, harness } = await setup(2);
    const desks = deskListResponseSchema.parse((await admin.request('GET', '/desks')).body).desks;
    const anna = await as('user001');
    const start = new Date(Math.ceil(Date.now() / HOUR) * HOUR + 26 * HOUR);
    const made = createBookingResponseSchema.parse(
      (
        await anna.request('POST', '/bookings', {
          body: {
            deskId: desks[1]?.id,
            start: start.toISOString(),
            end: new Date(start.getTime() + 2 * HOUR).toISOString(),
          },
        })
      ).body,
    );
    const booking = made.bookings[0];
    if (!booking) throw new Error('not booked');

    const file = await fetch(`${harness.service.url}/api/v1/bookings/${booking.id}/calendar.ics`, {
      headers: { Cookie: anna.cookieHeader() },
    });
    expect(file.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(eventsOf(await file.text())).toEqual([
      {
        uid: `${booking.id}@hotdesk`,
        summary: 'Desk D-001',
        location: 'D-001',
        start: booking.start,
        end: booking.end,
        status: 'TENTATIVE',
      },
    ]);
    // In the language asked for, with the window that confirms it in the office's time of day.
    const german = await fetch(`${harness.service.url}/api/v1/bookings/${booking.id}/calendar.ics`, {
      headers: { Cookie: anna.cookieHeader(), 'Accept-Language': 'de-DE,de;q=0.9' },
    });
    const germanText = await german.text();
    expect(eventsOf(germanText)[0]?.summary).toBe('Arbeitsplatz D-001');
    const clock = new Intl.DateTimeFormat('de-DE', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const event = new ICAL.Component(ICAL.parse(germanText)).getFirstSubcomponent('vevent');
    expect(event && new ICAL.Event(event).description).toBe(
      `Checken Sie zwischen ${clock.format(new Date(booking.confirmFrom))} und ${clock.format(new Date(booking.confirmUntil))} Uhr an D-001 ein, um die Buchung zu bestätigen; unbestätigt wird sie freigegeben.`,
    );
    // Another employee's booking is not there for them; helpdesk reads it.
    const bert = await as('user002');
    expect((await bert.request('GET', `/bookings/${booking.id}/calendar.ics`)).status).toBe(404);
    const helpdesk = await as('helpdesk');
    const forStaff = await fetch(`${harness.service.url}/api/v1/bookings/${booking.id}/calendar.ics`, {
      headers: { Cookie: helpdesk.cookieHeader() },
    });
    expect(forStaff.status).toBe(200);

    expect(calendarFeedSchema.parse((await anna.request('GET', '/me/calendar-feed')).body).active).toBe(false);
    const { url } = calendarFeedCreatedSchema.parse((await anna.request('POST', '/me/calendar-feed')).body);
    expect(url.startsWith(harness.service.url)).toBe(true);
    // A calendar app sends no cookie: the address alone opens the feed.
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(eventsOf(await feed.text()).map((event) => event.uid)).toEqual([`${booking.id}@hotdesk`]);

    // Cancelled: still in the feed, as cancelled, so that subscribed calendars remove it.
    expect((await anna.request('DELETE', `/bookings/${booking.id}`)).status).toBe(204);
    expect(eventsOf(await (await fetch(url)).text()).map((event) => event.status)).toEqual(['CANCELLED']);

    const renewed = calendarFeedCreatedSchema.parse((await anna.request('POST', '/me/calendar-feed')).body);
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(renewed.url)).status).toBe(200);
    expect((await anna.request('DELETE', '/me/calendar-feed')).status).toBe(204);
    expect((await fetch(renewed.url)).status).toBe(404);
  });
});
