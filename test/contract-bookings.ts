import { errorResponseSchema } from '../contract/api.ts';
import { expect, it } from 'vitest';
import { deskListResponseSchema, deskSchema } from '../contract/desks.ts';
import { bookingFiguresSchema } from '../contract/analytics.ts';
import { emergencyAlertListSchema } from '../contract/occupancy.ts';
import {
  availabilitySchema,
  bookingListSchema,
  bookingSchema,
  calendarFeedCreatedSchema,
  calendarFeedSchema,
  createBookingResponseSchema,
  myBookingsSchema,
} from '../contract/bookings.ts';
import { mailPreferencesSchema, outboxResponseSchema } from '../contract/mail.ts';
import { neighbourhoodListSchema, neighbourhoodSchema } from '../contract/neighbourhoods.ts';
import { TestClient } from './http-client.ts';

/**
 * The contract cases of bookings, neighbourhoods, emergency alerts and e-mail: called inside the contract suite's
 * `describe.each`, so that they run against the msw handlers and the service alike.
 */
const errorCode = (body: unknown) => errorResponseSchema.parse(body).error.code;

export function bookingContractCases(baseUrl: () => string): void {
  const signedIn = async (name: string) => {
    const client = new TestClient(baseUrl());
    await client.signIn(name, 'demo');
    return client;
  };

  it('bookings: the free desks for a time, booking one, one’s own list, staff’s view, cancelling once', async () => {
    const employee = await signedIn('user001');
    const day = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 2 * 86_400_000);
    const start = new Date(day.getTime() + 10 * 3_600_000).toISOString();
    const end = new Date(day.getTime() + 11 * 3_600_000).toISOString();
    const range = `from=${encodeURIComponent(start)}&to=${encodeURIComponent(end)}`;
    const free = availabilitySchema
      .parse((await employee.request('GET', `/bookings/availability?${range}`)).body)
      .desks.find((desk) => desk.status === 'free');
    if (!free) throw new Error('no free desk to book');
    const made = await employee.request('POST', '/bookings', { body: { deskId: free.id, start, end } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const [booking] = createBookingResponseSchema.parse(made.body).bookings;
    expect(booking).toMatchObject({ deskId: free.id, state: 'booked', mine: true, start, end });
    const again = await employee.request('POST', '/bookings', { body: { deskId: free.id, start, end } });
    expect(again.status).toBe(409);
    expect(errorCode(again.body)).toBe('booking_conflict');
    const mine = myBookingsSchema.parse((await employee.request('GET', '/me/bookings')).body);
    expect(mine.bookings.map((one) => one.id)).toContain(booking?.id);

    const helpdesk = await signedIn('helpdesk');
    const all = bookingListSchema.parse((await helpdesk.request('GET', `/bookings?${range}`)).body);
    expect(all.bookings.find((one) => one.id === booking?.id)?.person).toMatchObject({ name: 'user001' });
    const later = new Date(day.getTime() + 12 * 3_600_000).toISOString();
    const extended = await employee.request('PATCH', `/bookings/${booking?.id ?? ''}`, { body: { end: later } });
    expect(bookingSchema.parse(extended.body)).toMatchObject({ id: booking?.id, end: later });
    const file = await fetch(`${baseUrl()}/api/v1/bookings/${booking?.id ?? ''}/calendar.ics`, {
      headers: { Cookie: employee.cookieHeader() },
    });
    expect(file.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await file.text()).toContain(`UID:${booking?.id ?? ''}@hotdesk`);
    expect(calendarFeedSchema.parse((await employee.request('GET', '/me/calendar-feed')).body).active).toBe(false);
    const { url } = calendarFeedCreatedSchema.parse((await employee.request('POST', '/me/calendar-feed')).body);
    expect(calendarFeedSchema.parse((await employee.request('GET', '/me/calendar-feed')).body).active).toBe(true);
    const secretPath = new URL(url).pathname;
    const feed = await fetch(`${baseUrl()}${secretPath}`);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    expect((await employee.request('DELETE', '/me/calendar-feed')).status).toBe(204);
    expect((await fetch(`${baseUrl()}${secretPath}`)).status).toBe(404);
    expect((await employee.request('DELETE', `/bookings/${booking?.id ?? ''}`)).status).toBe(204);
    const facility = await signedIn('facility');
    const dayOf = start.slice(0, 10);
    const figures = bookingFiguresSchema.parse(
      (await facility.request('GET', `/analytics/bookings?from=${dayOf}&to=${dayOf}`)).body,
    );
    expect(figures.cancelled).toBeGreaterThanOrEqual(1);
    expect((await employee.request('GET', `/analytics/bookings?from=${dayOf}&to=${dayOf}`)).status).toBe(403);
    const twice = await employee.request('DELETE', `/bookings/${booking?.id ?? ''}`);
    expect(twice.status).toBe(409);
    expect(errorCode(twice.body)).toBe('booking_ended');
  });

  it('emergency alerts: none open, an unknown one not there, employees refused', async () => {
    const helpdesk = await signedIn('helpdesk');
    expect(emergencyAlertListSchema.parse((await helpdesk.request('GET', '/emergencies')).body).alerts).toEqual([]);
    const unknown = await helpdesk.request('POST', '/emergencies/987654/acknowledge');
    expect(unknown.status).toBe(404);
    expect((await (await signedIn('user001')).request('GET', '/emergencies')).status).toBe(403);
  });

  it('neighbourhoods: made, refused twice, changed at its version, removed; a walk-in desk is not booked', async () => {
    const facility = await signedIn('facility');
    const desks = deskListResponseSchema.parse((await facility.request('GET', '/desks')).body).desks;
    const [first, second] = desks;
    const made = await facility.request('POST', '/neighbourhoods', {
      body: { name: 'Contract team', pbxGroup: 'sales', othersFrom: '10:00', deskIds: [first?.id] },
    });
    expect(made.status).toBe(201);
    const neighbourhood = neighbourhoodSchema.parse(made.body);
    expect(neighbourhood).toMatchObject({ pbxGroup: 'sales', othersFrom: '10:00', desks: [{ id: first?.id }] });
    const overlap = await facility.request('POST', '/neighbourhoods', {
      body: { name: 'Other team', pbxGroup: 'x', othersFrom: null, deskIds: [first?.id] },
    });
    expect(overlap.status).toBe(409);
    expect(errorCode(overlap.body)).toBe('neighbourhood_overlap');
    const empty = await facility.request('POST', '/neighbourhoods', {
      body: { name: 'Nothing', pbxGroup: 'x', othersFrom: null },
    });
    expect(empty.status).toBe(400);
    const changed = await facility.request('PUT', `/neighbourhoods/${neighbourhood.id}`, {
      body: { name: 'Contract team', pbxGroup: 'sales', othersFrom: null, deskIds: [first?.id] },
      headers: { 'If-Match': `"${neighbourhood.version}"` },
    });
    expect(changed.status).toBe(200);
    expect(neighbourhoodSchema.parse(changed.body).othersFrom).toBeNull();
    const listed = neighbourhoodListSchema.parse((await facility.request('GET', '/neighbourhoods')).body);
    expect(listed.neighbourhoods.map((one) => one.name)).toContain('Contract team');
    expect((await facility.request('DELETE', `/neighbourhoods/${neighbourhood.id}`)).status).toBe(204);
    expect((await facility.request('DELETE', `/neighbourhoods/${neighbourhood.id}`)).status).toBe(404);

    const patched = await facility.request('PATCH', `/desks/${second?.id ?? ''}`, {
      body: { bookable: false },
      headers: { 'If-Match': `"${second?.version ?? 0}"` },
    });
    expect(deskSchema.parse(patched.body).bookable).toBe(false);
    const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 30 * 3_600_000);
    const booking = await (
      await signedIn('user001')
    ).request('POST', '/bookings', {
      body: {
        deskId: second?.id,
        start: start.toISOString(),
        end: new Date(start.getTime() + 3_600_000).toISOString(),
      },
    });
    expect(booking.status).toBe(409);
    expect(errorCode(booking.body)).toBe('booking_conflict');
  });

  it('e-mail: one’s choices are saved and read back; the outbox is the administrators’', async () => {
    const employee = await signedIn('user001');
    const saved = await employee.request('PUT', '/me/notifications', {
      body: {
        address: 'anna@example.org',
        language: 'en',
        bookings: false,
        reminders: true,
        releases: true,
        dailySummary: true,
      },
    });
    expect(saved.status).toBe(200);
    expect(mailPreferencesSchema.parse(saved.body)).toMatchObject({
      address: 'anna@example.org',
      effectiveAddress: 'anna@example.org',
      language: 'en',
      bookings: false,
      // Only facility and administrators can have the daily summary.
      dailySummary: false,
      dailySummaryOffered: false,
    });
    const again = mailPreferencesSchema.parse((await employee.request('GET', '/me/notifications')).body);
    expect(again).toMatchObject({ address: 'anna@example.org', bookings: false });
    const wrong = await employee.request('PUT', '/me/notifications', {
      body: {
        address: 'not an address',
        language: 'en',
        bookings: true,
        reminders: true,
        releases: true,
        dailySummary: false,
      },
    });
    expect(wrong.status).toBe(400);
    expect((await employee.request('GET', '/mail/outbox')).status).toBe(403);
    const admin = await signedIn('admin');
    const outbox = outboxResponseSchema.parse((await admin.request('GET', '/mail/outbox?state=failed')).body);
    expect(outbox.messages.every((message) => message.state === 'failed')).toBe(true);
    expect((await admin.request('GET', '/mail/outbox/987654')).status).toBe(404);
    expect((await admin.request('POST', '/mail/outbox/987654/retry')).status).toBe(404);
    expect((await admin.request('GET', '/mail/outbox?state=lost')).status).toBe(400);
  });
}
