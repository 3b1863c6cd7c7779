import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createBookingResponseSchema } from '../../contract/bookings.ts';
import { deskListResponseSchema } from '../../contract/desks.ts';
import { mailPreferencesSchema, outboxMessageDetailSchema, outboxResponseSchema } from '../../contract/mail.ts';
import { settingsSchema } from '../../contract/settings.ts';
import { emergencyAlertListSchema } from '../../contract/occupancy.ts';
import { zonedTimeToUtc } from '../../contract/local-time.ts';
import { addDays, localMoment } from '../../contract/office-hours.ts';
import { waitFor } from '../../test/service-harness.ts';
import { startSmtp, type TestSmtp } from '../../test/support/smtp-server.ts';
import { checkin, closeHarness, company, setup } from '../../test/occupancy-fixture.ts';

let smtp: TestSmtp | null = null;
afterEach(async () => {
  await closeHarness();
  await smtp?.close();
  smtp = null;
});

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const nextHour = (hours: number) => Math.ceil(Date.now() / HOUR) * HOUR + hours * HOUR;

/** The events of an attached calendar file, read by a parser of its own (ical.js). */
function eventsOf(text: string) {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((component) => ({
    summary: String(component.getFirstPropertyValue('summary')),
    status: String(component.getFirstPropertyValue('status')),
    start: new ICAL.Event(component).startDate.toJSDate().toISOString(),
  }));
}

async function world(options: { now?: () => number; smtp?: boolean } = {}) {
  smtp = options.smtp === false ? null : await startSmtp();
  const context = await setup(60, {
    env: {
      ...(smtp ? { SMTP_URL: smtp.url } : {}),
      MAIL_FROM: 'Hotdesk <hotdesk@example.com>',
      PUBLIC_URL: 'https://hotdesk.example.com',
      SESSION_IDLE_MINUTES: '600',
    },
    service: { mailIntervalMs: 100, ...(options.now ? { now: options.now, bookingIntervalMs: 50 } : {}) },
  });
  const desks = deskListResponseSchema.parse((await context.admin.request('GET', '/desks')).body).desks;
  const idOf = (index: number) => desks.find((desk) => desk.name === `D-${String(index).padStart(3, '0')}`)?.id ?? '';
  const to = (address: string) => smtp?.received.filter((one) => one.to.includes(address)) ?? [];
  return { ...context, idOf, to };
}

const attachment = (mail: { attachments: { filename?: string | undefined; content: Buffer }[] }) =>
  mail.attachments.find((file) => file.filename === 'booking.ics')?.content.toString('utf8') ?? '';

describe('e-mail', () => {
  it('tells a person of bookings made and cancelled for them, in their language, with the calendar entry', async () => {
    const { as, idOf, free, to, harness } = await world();
    const anna = await as('user001');
    const chosen = await anna.request('PUT', '/me/notifications', {
      body: { address: null, language: 'de', bookings: true, reminders: true, releases: true, dailySummary: true },
    });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    // The PBX's address, German; an employee cannot ask for the facility summary.
    expect(mailPreferencesSchema.parse(chosen.body)).toMatchObject({
      pbxAddress: 'user001@demo.example',
      effectiveAddress: 'user001@demo.example',
      effectiveLanguage: 'de',
      dailySummary: false,
      dailySummaryOffered: false,
      sending: true,
    });
    const helpdesk = await as('helpdesk');
    const start = nextHour(26);
    const desk = free(0);
    const made = await helpdesk.request('POST', '/bookings', {
      body: { deskId: idOf(desk), start: iso(start), end: iso(start + 4 * HOUR), user: 'user001' },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    await waitFor(() => to('user001@demo.example').length === 1);
    const [booked] = to('user001@demo.example');
    const deskName = `D-${String(desk).padStart(3, '0')}`;
    expect(booked?.mail.subject).toMatch(new RegExp(`^Arbeitsplatz ${deskName} gebucht: `));
    expect(booked?.mail.from?.text).toBe('"Hotdesk" <hotdesk@example.com>');
    expect(booked?.mail.headers.get('content-language')).toBe('de');
    expect(booked?.mail.text).toContain(`für Sie gebucht von Jonas Becker`);
    expect(booked?.mail.text).toContain('https://hotdesk.example.com/bookings');
    expect(booked?.mail.html).toContain('<html lang="de">');
    expect(eventsOf(attachment(booked?.mail ?? { attachments: [] }))).toEqual([
      { summary: `Arbeitsplatz ${deskName}`, status: 'TENTATIVE', start: iso(start) },
    ]);

    const id = createBookingResponseSchema.parse(made.body).bookings[0]?.id ?? '';
    expect((await anna.request('DELETE', `/bookings/${id}`)).status).toBe(204);
    await waitFor(() => to('user001@demo.example').length === 2);
    const cancelled = to('user001@demo.example')[1]?.mail;
    expect(cancelled?.subject).toMatch(new RegExp(`^Buchung storniert: Arbeitsplatz ${deskName}`));
    expect(eventsOf(attachment(cancelled ?? { attachments: [] }))[0]?.status).toBe('CANCELLED');
    // Each delivery is audited (written once the server has taken the message: waited for).
    const audited = () =>
      harness.service.db.query<{ target: string; result: string }>(
        `SELECT target, result FROM audit_events WHERE action = 'mail.send' ORDER BY id`,
      );
    await waitFor(async () => (await audited()).length === 2);
    expect(await audited()).toEqual([
      { target: 'user001@demo.example', result: 'ok' },
      { target: 'user001@demo.example', result: 'ok' },
    ]);
  });

  it('booking mail can be turned off; a helpdesk logout is told with who and why, always', async () => {
    const { as, idOf, free, to } = await world();
    const anna = await as('user001');
    await anna.request('PUT', '/me/notifications', {
      body: {
        address: 'anna@example.org',
        language: 'en',
        bookings: false,
        reminders: false,
        releases: false,
        dailySummary: false,
      },
    });
    const desk = free(0);
    expect((await checkin(anna, 'desk', `D-${String(desk).padStart(3, '0')}`)).status).toBe(200);
    const start = nextHour(30);
    expect(
      (
        await anna.request('POST', '/bookings', {
          body: { deskId: idOf(desk), start: iso(start), end: iso(start + HOUR) },
        })
      ).status,
    ).toBe(201);
    const helpdesk = await as('helpdesk');
    const logout = await helpdesk.request('POST', '/occupancy/logout', {
      body: { deskIds: [idOf(desk)], note: 'The desk is being repaired.' },
    });
    expect(logout.status, JSON.stringify(logout.body)).toBe(200);
    await waitFor(() => to('anna@example.org').length === 1);
    const [told] = to('anna@example.org');
    expect(told?.mail.subject).toBe(`You were logged out of desk D-${String(desk).padStart(3, '0')}`);
    expect(told?.mail.text).toContain('Jonas Becker logged you out');
    expect(told?.mail.text).toContain('Reason: The desk is being repaired.');
    // Nothing about the booking (turned off), and nothing to the PBX's address.
    expect(to('user001@demo.example')).toEqual([]);
  });

  it('reminds before the check-in window, tells of a release, and retries while the mail server refuses', async () => {
    let now = Date.now();
    const { as, idOf, free, to, harness, admin } = await world({ now: () => now });
    const anna = await as('user002');
    const start = nextHour(3);
    const desk = free(0);
    const made = await anna.request('POST', '/bookings', {
      body: { deskId: idOf(desk), start: iso(start), end: iso(start + 2 * HOUR) },
    });
    expect(made.status).toBe(201);
    await waitFor(() => to('user002@demo.example').length === 1);
    // The mail server is away for a while: the reminder waits and is tried again.
    if (!smtp) throw new Error('no SMTP server');
    smtp.refusing = true;
    // 30 minutes before the window (15 minutes before the start) opens: the reminder is due.
    now = start - 44 * 60_000;
    await waitFor(async () => {
      // A try has failed (its error written), not only begun.
      const [row] = await harness.service.db.query<{ state: string; last_error: string | null }>(
        `SELECT state, last_error FROM mail_outbox WHERE kind = 'booking_reminder'`,
      );
      return row?.state === 'queued' && row.last_error !== null;
    });
    const outbox = outboxResponseSchema.parse((await admin.request('GET', '/mail/outbox')).body);
    expect(outbox.transport).toBe('smtp');
    expect(outbox.messages[0]).toMatchObject({
      kind: 'booking_reminder',
      state: 'queued',
      lastError: expect.stringContaining('451'),
    });
    smtp.refusing = false;
    // The retry is due after the backoff (the service's clock).
    now += 60_000;
    await waitFor(() => to('user002@demo.example').length === 2);
    expect(to('user002@demo.example')[1]?.mail.subject).toMatch(/^Erinnerung: Arbeitsplatz D-/);
    // Nobody checks in: released when the window closes, and told.
    now = start + 31 * 60_000;
    await waitFor(() => to('user002@demo.example').length === 3);
    expect(to('user002@demo.example')[2]?.mail.text).toContain('wurde Ihre Buchung für andere freigegeben');
    const failures = await harness.service.db.query<{ result: string }>(
      `SELECT result FROM audit_events WHERE action = 'mail.send' AND result = 'failed'`,
    );
    expect(failures.length).toBeGreaterThanOrEqual(1);
  });

  it('without a mail server, messages are kept in the outbox for administrators to read', async () => {
    const { as, idOf, free } = await world({ smtp: false });
    const anna = await as('user003');
    const start = nextHour(27);
    await anna.request('POST', '/bookings', {
      body: { deskId: idOf(free(0)), start: iso(start), end: iso(start + HOUR) },
    });
    const admin = await as('admin');
    await waitFor(
      async () => outboxResponseSchema.parse((await admin.request('GET', '/mail/outbox')).body).messages.length === 1,
    );
    const outbox = outboxResponseSchema.parse((await admin.request('GET', '/mail/outbox')).body);
    expect(outbox).toMatchObject({
      transport: 'none',
      messages: [{ kind: 'booking_made', state: 'held', to: 'user003@demo.example' }],
    });
    const read = async () =>
      outboxMessageDetailSchema.parse(
        (await admin.request('GET', `/mail/outbox/${outbox.messages[0]?.id ?? ''}`)).body,
      );
    // Aggregates only (works-council mode, the default): who booked which desk when is not shown to administrators;
    // to whom and how far it got is.
    expect(outbox.messages[0]).toMatchObject({ withheld: true, subject: '' });
    expect(await read()).toMatchObject({
      withheld: true,
      subject: '',
      text: '',
      attachments: [],
      to: 'user003@demo.example',
    });
    const { version, ...values } = settingsSchema.parse((await admin.request('GET', '/settings')).body);
    const off = await admin.request('PUT', '/settings', {
      body: { ...values, privacy: { ...values.privacy, aggregateOnly: false } },
      headers: { 'If-Match': `"${version}"` },
    });
    expect(off.status).toBe(200);
    const message = await read();
    expect(message).toMatchObject({ withheld: false });
    expect(message.text).toContain('Arbeitsplatz');
    expect(message.attachments).toEqual(['booking.ics']);
    // The outbox is the administrators'; nobody else reads other people's mail.
    expect((await anna.request('GET', '/mail/outbox')).status).toBe(403);
    expect((await (await as('helpdesk')).request('GET', '/mail/outbox')).status).toBe(403);
    expect(mailPreferencesSchema.parse((await anna.request('GET', '/me/notifications')).body).sending).toBe(false);
  });

  it('sends over STARTTLS when the server offers it', async () => {
    smtp = await startSmtp({ starttls: true });
    const { as, free } = await setup(60, {
      env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://hotdesk.example.com' },
      service: { mailIntervalMs: 100 },
    });
    const desks = deskListResponseSchema.parse((await (await as('admin')).request('GET', '/desks')).body).desks;
    const desk = desks.find((one) => one.name === `D-${String(free(0)).padStart(3, '0')}`);
    const anna = await as('user004');
    const start = nextHour(28);
    await anna.request('POST', '/bookings', { body: { deskId: desk?.id, start: iso(start), end: iso(start + HOUR) } });
    const received = smtp.received;
    await waitFor(() => received.length === 1);
    expect(received[0]?.secure).toBe(true);
  });

  it('an emergency call is mailed to its site’s list within seconds, and the alert shows the delivery', async () => {
    const { as, free, to, harness } = await world();
    const index = free(0);
    const { db } = harness.service;
    const [site] = await db.query<{ id: string }>(
      `INSERT INTO sites (name, address, alert_emails) VALUES ('Berlin HQ', 'Alexanderplatz 1, 10178 Berlin',
       ARRAY['security@example.com', 'reception@example.com']) RETURNING id::text AS id`,
    );
    const [floor] = await db.query<{ id: string }>(
      `INSERT INTO floors (name, site_id) VALUES ('Ground floor', $1::uuid) RETURNING id::text AS id`,
      [site?.id],
    );
    await db.query(`UPDATE desks SET floor_id = $1::uuid, x = 0.25, y = 0.5 WHERE name = $2`, [
      floor?.id,
      `D-${String(index).padStart(3, '0')}`,
    ]);
    const caller = await as('user201');
    expect((await checkin(caller, 'desk', `D-${String(index).padStart(3, '0')}`)).status).toBe(200);
    const mac = company.phones[index]?.mac ?? '';
    await waitFor(() => harness.simulator.registeredTo(mac) !== undefined);
    const call = harness.simulator.dial(mac, '112');
    if (typeof call === 'string') throw new Error(call);
    await waitFor(() => to('security@example.com').length === 1 && to('reception@example.com').length === 1);
    const mail = to('security@example.com')[0]?.mail;
    const person = company.users.find((user) => user.h323 === 'user201');
    expect(mail?.subject).toBe(`NOTRUF 112 von Arbeitsplatz D-${String(index).padStart(3, '0')}`);
    expect(mail?.text).toContain(person?.cn ?? 'no name');
    expect(mail?.text).toContain(`Rückruf: ${person?.e164 ?? ''}`);
    expect(mail?.text).toContain('Adresse: Alexanderplatz 1, 10178 Berlin');
    expect(mail?.text).toContain('Berlin HQ, Ground floor');
    const helpdesk = await as('helpdesk');
    await waitFor(async () => {
      const [alert] = emergencyAlertListSchema.parse((await helpdesk.request('GET', '/emergencies')).body).alerts;
      return alert?.emails.every((email) => email.state === 'sent') === true && alert.emails.length === 2;
    });
    const [alert] = emergencyAlertListSchema.parse((await helpdesk.request('GET', '/emergencies')).body).alerts;
    expect(alert?.position).toEqual({ x: 0.25, y: 0.5 });
    harness.simulator.hangUp(call.id);
  });

  it('keeps a message the mail server refused across a restart, and sends it once after', async () => {
    const { as, idOf, free, to, harness } = await world();
    if (!smtp) throw new Error('no SMTP server');
    smtp.refusing = true;
    const anna = await as('user005');
    const start = nextHour(29);
    await anna.request('POST', '/bookings', {
      body: { deskId: idOf(free(0)), start: iso(start), end: iso(start + HOUR) },
    });
    await waitFor(async () => {
      const [row] = await harness.service.db.query<{ last_error: string | null }>(
        `SELECT last_error FROM mail_outbox WHERE recipient = 'user005@demo.example'`,
      );
      return (row?.last_error ?? null) !== null;
    });
    await harness.restart();
    smtp.refusing = false;
    // Due now rather than after the first ten-second backoff: the test does not wait it out.
    await harness.service.db.query(`UPDATE mail_outbox SET next_attempt_at = now() WHERE state = 'queued'`);
    await waitFor(() => to('user005@demo.example').length === 1, 20_000);
    await harness.service.mail.flush();
    expect(to('user005@demo.example')).toHaveLength(1);
  });

  it('sends the daily summary to facility who asked for it, once a day from its time on', async () => {
    const today = localMoment(new Date(), 'Europe/Berlin').day;
    const [year = 0, month = 1, day = 1] = today.split('-').map(Number);
    let now = zonedTimeToUtc('Europe/Berlin', year, month, day, 6, 59).getTime();
    const { as, to, harness } = await world({ now: () => now });
    const facility = await as('facility');
    const chosen = await facility.request('PUT', '/me/notifications', {
      body: { address: null, language: 'en', bookings: true, reminders: true, releases: true, dailySummary: true },
    });
    expect(mailPreferencesSchema.parse(chosen.body)).toMatchObject({ dailySummary: true, dailySummaryOffered: true });
    await harness.service.mail.flush();
    expect(to('facility@demo.example')).toEqual([]);
    now += 2 * 60_000;
    await waitFor(() => to('facility@demo.example').length === 1);
    const mail = to('facility@demo.example')[0]?.mail;
    expect(mail?.subject).toBe(`Desk use on ${addDays(today, -1)}`);
    expect(mail?.text).toContain('No-show rate: ');
    now += 3_600_000;
    await harness.service.mail.flush();
    expect(to('facility@demo.example')).toHaveLength(1);
  });
});
