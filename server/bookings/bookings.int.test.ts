import { afterEach, describe, expect, it } from 'vitest';
import {
  availabilitySchema,
  bookingListSchema,
  createBookingResponseSchema,
  myBookingsSchema,
} from '../../contract/bookings.ts';
import { bookingFiguresSchema } from '../../contract/analytics.ts';
import { deskListResponseSchema } from '../../contract/desks.ts';
import { zonedTimeToUtc } from '../../contract/local-time.ts';
import { addDays, localMoment, weekdayOf } from '../../contract/office-hours.ts';
import { waitFor } from '../../test/service-harness.ts';
import { checkin, closeHarness, company, setup } from '../../test/occupancy-fixture.ts';
import { settleDueBookings } from './booking-store.ts';

afterEach(closeHarness);

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The next Wednesday in Berlin after tomorrow, as year, month, day (within the next week). */
function nextWednesday(): [number, number, number] {
  let day = addDays(localMoment(new Date(), 'Europe/Berlin').day, 2);
  while (weekdayOf(day) !== 3) day = addDays(day, 1);
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return [year, month, date];
}
/** A whole hour from now on, so that bookings start in the future whatever the clock says. */
const nextHour = (hours: number) => Math.ceil(Date.now() / HOUR) * HOUR + hours * HOUR;

async function world(count = 4, options: NonNullable<Parameters<typeof setup>[1]> = {}) {
  const context = await setup(count, options);
  const desks = deskListResponseSchema.parse((await context.admin.request('GET', '/desks')).body).desks;
  const idOf = (name: string) => desks.find((desk) => desk.name === name)?.id ?? '';
  return { ...context, idOf };
}

describe('bookings', () => {
  it('an employee books a desk; the desk and the person cannot be double-booked; others see it without a name', async () => {
    const { as, idOf } = await world();
    const anna = await as('user001');
    const start = nextHour(2);
    const made = await anna.request('POST', '/bookings', {
      body: { deskId: idOf('D-000'), start: iso(start), end: iso(start + 4 * HOUR) },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const booking = createBookingResponseSchema.parse(made.body).bookings[0];
    expect(booking).toMatchObject({ deskName: 'D-000', state: 'booked', mine: true, person: { name: 'user001' } });
    expect(Date.parse(booking?.confirmFrom ?? '')).toBe(start - 15 * 60_000);
    expect(Date.parse(booking?.confirmUntil ?? '')).toBe(start + 30 * 60_000);

    // The same desk for an overlapping hour: refused, with the reason.
    const bert = await as('user002');
    const clash = await bert.request('POST', '/bookings', {
      body: { deskId: idOf('D-000'), start: iso(start + 3 * HOUR), end: iso(start + 6 * HOUR) },
    });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({
      error: { code: 'booking_conflict', message: expect.stringContaining('D-000') },
    });
    // Anna cannot hold a second desk for the same time either.
    const second = await anna.request('POST', '/bookings', {
      body: { deskId: idOf('D-001'), start: iso(start + HOUR), end: iso(start + 2 * HOUR) },
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: { message: 'You have booked desk D-000 for that time.' } });
    // Right after hers is fine.
    const after = await bert.request('POST', '/bookings', {
      body: { deskId: idOf('D-000'), start: iso(start + 4 * HOUR), end: iso(start + 5 * HOUR) },
    });
    expect(after.status).toBe(201);

    const range = `from=${iso(start - HOUR)}&to=${iso(start + 8 * HOUR)}`;
    const seenByBert = bookingListSchema.parse((await bert.request('GET', `/bookings?${range}`)).body).bookings;
    expect(seenByBert.map((one) => [one.deskName, one.mine, one.person?.name ?? null])).toEqual([
      ['D-000', false, null],
      ['D-000', true, 'user002'],
    ]);
    const helpdesk = await as('helpdesk');
    const seenByStaff = bookingListSchema.parse((await helpdesk.request('GET', `/bookings?${range}`)).body).bookings;
    expect(seenByStaff.map((one) => one.person?.name)).toEqual(['user001', 'user002']);

    const free = availabilitySchema.parse(
      (await bert.request('GET', `/bookings/availability?q=D-00&from=${iso(start)}&to=${iso(start + HOUR)}`)).body,
    );
    expect(free.desks.map((desk) => [desk.name, desk.status])).toEqual([
      ['D-000', 'booked'],
      ['D-001', 'free'],
      ['D-002', 'free'],
      ['D-003', 'free'],
    ]);
  });

  it('fifty people booking the same desk at once: exactly one gets it, every other is a clear 409', async () => {
    const { as, idOf } = await world(1);
    const people = await Promise.all(
      Array.from({ length: 50 }, (_, index) => as(`user${String(index + 10).padStart(3, '0')}`)),
    );
    const start = nextHour(3);
    const answers = await Promise.all(
      people.map((person) =>
        person.request('POST', '/bookings', {
          body: { deskId: idOf('D-000'), start: iso(start), end: iso(start + HOUR) },
        }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused.every((answer) => answer.status === 409)).toBe(true);
    expect(refused[0]?.body).toMatchObject({ error: { code: 'booking_conflict' } });
  });

  it('a weekly series books each week it can and lists the weeks it cannot', async () => {
    const { as, idOf, setSettings } = await world(1);
    await setSettings((values) => ({ ...values, bookings: { ...values.bookings, horizonDays: 30 } }));
    const anna = await as('user001');
    const bert = await as('user002');
    const start = nextHour(26);
    // Bert has the desk in the second week.
    expect(
      (
        await bert.request('POST', '/bookings', {
          body: { deskId: idOf('D-000'), start: iso(start + 7 * 24 * HOUR), end: iso(start + 7 * 24 * HOUR + HOUR) },
        })
      ).status,
    ).toBe(201);
    const until = new Date(start + 14 * 24 * HOUR).toISOString().slice(0, 10);
    const answer = await anna.request('POST', '/bookings', {
      body: { deskId: idOf('D-000'), start: iso(start), end: iso(start + HOUR), repeatWeeklyUntil: until },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const { bookings, conflicts } = createBookingResponseSchema.parse(answer.body);
    expect(bookings).toHaveLength(2);
    expect(new Set(bookings.map((one) => one.seriesId)).size).toBe(1);
    expect(conflicts).toEqual([expect.objectContaining({ message: 'Desk D-000 is booked for (part of) that time.' })]);
  });

  it('the policy: horizon, bookings per week, and staff booking for someone', async () => {
    const { as, idOf, setSettings } = await world(3);
    await setSettings((values) => ({ ...values, bookings: { ...values.bookings, horizonDays: 7, maxPerWeek: 1 } }));
    const anna = await as('user001');
    const far = nextHour(24 * 10);
    const tooFar = await anna.request('POST', '/bookings', {
      body: { deskId: idOf('D-000'), start: iso(far), end: iso(far + HOUR) },
    });
    expect(tooFar.status).toBe(409);
    expect(tooFar.body).toMatchObject({ error: { message: expect.stringContaining('up to 7 days ahead') } });

    // Helpdesk books for Anna beyond the horizon; employees cannot book for others.
    const helpdesk = await as('helpdesk');
    const forAnna = await helpdesk.request('POST', '/bookings', {
      body: { deskId: idOf('D-000'), start: iso(far), end: iso(far + HOUR), user: 'user001' },
    });
    expect(forAnna.status, JSON.stringify(forAnna.body)).toBe(201);
    expect(createBookingResponseSchema.parse(forAnna.body).bookings[0]).toMatchObject({
      person: { name: 'user001' },
      bookedBy: 'helpdesk',
    });
    const bert = await as('user002');
    expect(
      (
        await bert.request('POST', '/bookings', {
          body: { deskId: idOf('D-001'), start: iso(far), end: iso(far + HOUR), user: 'user001' },
        })
      ).status,
    ).toBe(403);

    // One a week: a second booking on the same Wednesday is refused.
    const wednesday = nextWednesday();
    const at = (hour: number) => zonedTimeToUtc('Europe/Berlin', ...wednesday, hour, 0).toISOString();
    const first = await bert.request('POST', '/bookings', {
      body: { deskId: idOf('D-001'), start: at(9), end: at(10) },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const other = await bert.request('POST', '/bookings', {
      body: { deskId: idOf('D-002'), start: at(11), end: at(12) },
    });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: { message: 'At most 1 booking a week.' } });
  });

  it('checking in within the window confirms the booking; someone else walking in is kept off', async () => {
    const { as, idOf, free, harness } = await world(60);
    // A desk nobody sits at.
    const desk = `D-${String(free(0)).padStart(3, '0')}`;
    const anna = await as('user001');
    // Starts now: the window is open.
    const start = Date.now() + 60_000;
    expect(
      (
        await anna.request('POST', '/bookings', {
          body: { deskId: idOf(desk), start: iso(start), end: iso(start + 2 * HOUR) },
        })
      ).status,
    ).toBe(201);
    const bert = await as('user002');
    const walkIn = await checkin(bert, 'desk', desk);
    expect(walkIn.status).toBe(409);
    expect(walkIn.body).toMatchObject({
      error: { code: 'desk_booked', message: expect.stringMatching(new RegExp(`^Desk ${desk} is booked from`)) },
    });

    expect((await checkin(anna, 'desk', desk)).status).toBe(200);
    const mine = myBookingsSchema.parse((await anna.request('GET', '/me/bookings')).body);
    expect(mine.bookings.map((one) => one.state)).toEqual(['confirmed']);
    // Audited (in the database: works-council mode keeps one person's bookings out of the audit log's view).
    const confirmed = await harness.service.db.query(`SELECT 1 FROM audit_events WHERE action = 'booking.confirm'`);
    expect(confirmed).toHaveLength(1);
  });

  it('a call from the free desk’s phone confirms the booking: once the call ends, its person is checked in', async () => {
    const { as, idOf, free, harness, holderOf } = await world(60);
    const index = free(0);
    const desk = `D-${String(index).padStart(3, '0')}`;
    const mac = company.phones[index]?.mac ?? '';
    const anna = await as('user001');
    const start = Date.now() + 60_000;
    expect(
      (
        await anna.request('POST', '/bookings', {
          body: { deskId: idOf(desk), start: iso(start), end: iso(start + 2 * HOUR) },
        })
      ).status,
    ).toBe(201);
    await waitFor(() => harness.simulator.registeredTo(mac) !== undefined);
    const call = harness.simulator.dial(mac, '1002');
    if (typeof call === 'string') throw new Error(call);
    // During the call the phone stays where it is.
    await waitFor(async () => (await harness.service.db.query('SELECT 1 FROM booking_calls')).length === 1);
    expect(holderOf(index)?.join()).toBe('base');
    harness.simulator.hangUp(call.id);
    await waitFor(() => holderOf(index)?.join() === 'user001');
    await waitFor(
      async () =>
        myBookingsSchema.parse((await anna.request('GET', '/me/bookings')).body).bookings[0]?.state === 'confirmed',
    );
  });

  it('a booking nobody confirms is released once its window closes, exactly once, and audited', async () => {
    let now = Date.now();
    const { as, idOf, harness, free } = await world(60, {
      service: { now: () => now, bookingIntervalMs: 50 },
      // The clock jumps an hour and a half: sessions stay signed in across it.
      env: { SESSION_IDLE_MINUTES: '600' },
    });
    const desk = `D-${String(free(0)).padStart(3, '0')}`;
    const anna = await as('user001');
    const start = nextHour(1);
    const made = createBookingResponseSchema.parse(
      (
        await anna.request('POST', '/bookings', {
          body: { deskId: idOf(desk), start: iso(start), end: iso(start + 3 * HOUR) },
        })
      ).body,
    );
    const id = made.bookings[0]?.id ?? '';
    // Window not closed yet: still booked.
    now = start + 29 * 60_000;
    const mineNow = async () => myBookingsSchema.parse((await anna.request('GET', '/me/bookings')).body).bookings;
    expect((await mineNow())[0]?.state).toBe('booked');
    now = start + 31 * 60_000;
    await waitFor(async () => (await mineNow())[0]?.state === 'released');
    // A second instance's round (or this one's next) settles nothing more.
    expect(await settleDueBookings(harness.service.db, new Date(now))).toEqual([]);
    // Counted in Insights: one released of one settled.
    const facility = await as('facility');
    const day = localMoment(new Date(start), 'Europe/Berlin').day;
    const figures = bookingFiguresSchema.parse(
      (await facility.request('GET', `/analytics/bookings?from=${day}&to=${day}`)).body,
    );
    expect(figures).toMatchObject({ released: 1, confirmed: 0, noShowRate: 100 });
    const released = await harness.service.db.query<{ target: string }>(
      `SELECT target FROM audit_events WHERE action = 'booking.release'`,
    );
    expect(released.map((event) => event.target)).toEqual([id]);
    // Released: the desk is free again for someone else.
    const bert = await as('user002');
    expect(
      (
        await bert.request('POST', '/bookings', {
          body: { deskId: idOf(desk), start: iso(start + HOUR), end: iso(start + 2 * HOUR) },
        })
      ).status,
    ).toBe(201);
  });

  it('a booking made before a restart is released by the restarted service when its window closes', async () => {
    let now = Date.now();
    const { as, idOf, harness, free } = await world(60, {
      service: { now: () => now, bookingIntervalMs: 50 },
      env: { SESSION_IDLE_MINUTES: '600' },
    });
    const desk = `D-${String(free(0)).padStart(3, '0')}`;
    const anna = await as('user001');
    const start = nextHour(1);
    expect(
      (
        await anna.request('POST', '/bookings', {
          body: { deskId: idOf(desk), start: iso(start), end: iso(start + HOUR) },
        })
      ).status,
    ).toBe(201);
    await harness.restart();
    now = start + 31 * 60_000;
    await waitFor(
      async () => (await harness.service.db.query(`SELECT 1 FROM bookings WHERE state = 'released'`)).length === 1,
    );
    const released = await harness.service.db.query(`SELECT 1 FROM audit_events WHERE action = 'booking.release'`);
    expect(released).toHaveLength(1);
  });

  it('a booking’s end ends its session, unless extended; an extension into someone else’s booking is refused', async () => {
    let now = Date.now();
    const { as, idOf, free, harness, holderOf } = await world(60, {
      service: { now: () => now, autoLogoutIntervalMs: 3_600_000 },
      env: { SESSION_IDLE_MINUTES: '600' },
    });
    const index = free(0);
    const desk = `D-${String(index).padStart(3, '0')}`;
    const anna = await as('user001');
    const start = now + 60_000;
    const made = createBookingResponseSchema.parse(
      (
        await anna.request('POST', '/bookings', {
          body: { deskId: idOf(desk), start: iso(start), end: iso(start + HOUR) },
        })
      ).body,
    );
    const id = made.bookings[0]?.id ?? '';
    expect((await checkin(anna, 'desk', desk)).status).toBe(200);
    const bert = await as('user002');
    expect(
      (
        await bert.request('POST', '/bookings', {
          body: { deskId: idOf(desk), start: iso(start + 2 * HOUR), end: iso(start + 3 * HOUR) },
        })
      ).status,
    ).toBe(201);
    // Into Bert's booking: refused; one more hour: fine.
    const tooLong = await anna.request('PATCH', `/bookings/${id}`, { body: { end: iso(start + 3 * HOUR) } });
    expect(tooLong.status).toBe(409);
    expect((await anna.request('PATCH', `/bookings/${id}`, { body: { end: iso(start + 2 * HOUR) } })).status).toBe(200);

    now = start + HOUR + 60_000;
    expect((await harness.service.occupancy.runAutoLogout()).bookingEnds).toBe(0);
    expect(holderOf(index)?.join()).toBe('user001');
    now = start + 2 * HOUR + 60_000;
    expect((await harness.service.occupancy.runAutoLogout()).bookingEnds).toBe(1);
    await waitFor(() => holderOf(index)?.join() === 'base');
    // Once: the next round finds nothing more to end.
    expect((await harness.service.occupancy.runAutoLogout()).bookingEnds).toBe(0);
  });

  it('cancelling: one’s own, helpdesk anyone’s, another employee’s is not there', async () => {
    const { as, idOf } = await world(1);
    const anna = await as('user001');
    const start = nextHour(2);
    const made = createBookingResponseSchema.parse(
      (
        await anna.request('POST', '/bookings', {
          body: { deskId: idOf('D-000'), start: iso(start), end: iso(start + HOUR) },
        })
      ).body,
    );
    const id = made.bookings[0]?.id ?? '';
    const bert = await as('user002');
    expect((await bert.request('DELETE', `/bookings/${id}`)).status).toBe(404);
    expect((await anna.request('DELETE', `/bookings/${id}`)).status).toBe(204);
    expect((await anna.request('DELETE', `/bookings/${id}`)).status).toBe(409);
    const mine = myBookingsSchema.parse((await anna.request('GET', '/me/bookings')).body);
    expect(mine.bookings.map((one) => one.state)).toEqual(['cancelled']);
  });
});
