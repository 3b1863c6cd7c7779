import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { historyResponseSchema, utilisationResponseSchema, type UtilisationRow } from '../../contract/analytics.ts';
import { auditListResponseSchema } from '../../contract/api.ts';
import { deskSchema } from '../../contract/desks.ts';
import { floorSchema } from '../../contract/floors.ts';
import { settingsSchema, type SettingsValues } from '../../contract/settings.ts';
import { siteSchema } from '../../contract/sites.ts';
import type { TestClient } from '../../test/http-client.ts';
import { startHarness, type Harness } from '../../test/service-harness.ts';
import { recordAudit } from '../audit/audit.ts';
import { addDays } from '../../contract/office-hours.ts';
import { keepHistory, purgeHistory } from './history.ts';

/** Utilisation over hand-made sessions on one floor of two desks, in the office's zone (Europe/Berlin). */
let harness: Harness;
let admin: TestClient;
let facility: TestClient;
let floorId = '';
const deskIds: string[] = [];

beforeAll(async () => {
  harness = await startHarness();
  admin = harness.client();
  await admin.signIn('admin', 'demo');
  facility = harness.client();
  await facility.signIn('facility', 'demo');
  floorId = floorSchema.parse((await facility.request('POST', '/floors', { body: { name: 'Analytics' } })).body).id;
  for (const [index, mac] of ['009033aa0001', '009033aa0002'].entries()) {
    const desk = await facility.request('POST', '/desks', { body: { name: `A-${index + 1}`, mac, floorId } });
    deskIds.push(deskSchema.parse(desk.body).id);
  }
  // The sessions below lie in the past: the desks stood there long before (office hours count from a desk's creation).
  await harness.service.db.query(`UPDATE desks SET created_at = '2020-01-01' WHERE id = ANY($1::uuid[])`, [deskIds]);
});
afterAll(() => harness.close());
beforeEach(async () => {
  await harness.service.db.query('DELETE FROM desk_sessions');
  await forgetRollup();
  await setPrivacy({ aggregateOnly: false, retentionDays: 90 });
});

async function setPrivacy(privacy: SettingsValues['privacy']) {
  const { version, ...values } = settingsSchema.parse((await admin.request('GET', '/settings')).body);
  const answer = await admin.request('PUT', '/settings', {
    body: { ...values, privacy },
    headers: { 'If-Match': `"${version}"` },
  });
  expect(answer.status).toBe(200);
}

/**
 * The service rolls an ended day up once (a session only ever starts or ends now); the sessions written into
 * the past here make it roll the days up again.
 */
async function forgetRollup() {
  await harness.service.db.query('DELETE FROM usage_days_done');
  await harness.service.db.query('DELETE FROM usage_days');
}

/** A session at desk `desk` (0 or 1) from `since` to `until` (ISO instants), by `person`. */
async function session(desk: number, since: string, until: string | null, person = 'user001') {
  await harness.service.db.query(
    `INSERT INTO desk_sessions (desk_id, mac, user_guid, user_name, display_name, method, checked_in_by, since, ended_at, end_reason)
     VALUES ($1::uuid, 'x', $2, $2, $2, 'desk', $2, $3::timestamptz, $4::timestamptz, $5)`,
    [deskIds[desk], person, since, until, until === null ? null : 'checked_out'],
  );
  await forgetRollup();
}

async function rows(query: string): Promise<UtilisationRow[]> {
  const answer = await facility.request('GET', `/analytics/utilisation?${query}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return utilisationResponseSchema.parse(answer.body).rows.filter((row) => row.groupId === floorId);
}

describe('utilisation', () => {
  it('splits a session across midnight into the two days, exactly', async () => {
    await session(0, '2026-03-10T21:00:00Z', '2026-03-11T01:00:00Z'); // 22:00 → 02:00 in Berlin
    const [tenth, eleventh] = await rows('from=2026-03-10&to=2026-03-11&groupBy=floor&interval=day');
    expect(tenth).toMatchObject({ start: '2026-03-09T23:00:00.000Z', desks: 2, occupiedHours: 2, peakOccupied: 1 });
    expect(eleventh).toMatchObject({ occupiedHours: 2, peakOccupied: 1 });
    // All of it outside office hours (a desk without a site: Monday to Friday, 8 to 18): two desks × 10 hours open.
    expect(tenth).toMatchObject({ officeHours: 20, outsideHours: 2, utilisation: 0 });
    const byDesk = await facility.request(
      'GET',
      `/analytics/utilisation?from=2026-03-10&to=2026-03-10&groupBy=desk&floorId=${floorId}`,
    );
    expect(utilisationResponseSchema.parse(byDesk.body).rows.map((row) => [row.groupName, row.occupiedHours])).toEqual([
      ['A-1', 2],
      ['A-2', 0],
    ]);
    // Desks without a zone are that floor's "No zone"; seen across floors, the floor names it.
    const zones = async (filter: string) =>
      utilisationResponseSchema
        .parse(
          (await facility.request('GET', `/analytics/utilisation?from=2026-03-10&to=2026-03-10&groupBy=zone${filter}`))
            .body,
        )
        .rows.filter((row) => row.groupId === `none:${floorId}`)
        .map((row) => [row.groupName, row.occupiedHours]);
    expect(await zones(`&floorId=${floorId}`)).toEqual([['No zone', 2]]);
    expect(await zones('')).toEqual([['Analytics · No zone', 2]]);
  });

  it('reads ended days from the rollup and the current day from the sessions, one running session across both', async () => {
    await session(0, new Date(Date.now() - 50 * 3_600_000).toISOString(), null);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    const [, yesterday, current] = await rows(`from=${addDays(today, -2)}&to=${today}&groupBy=floor&interval=day`);
    const hoursOf = (row: UtilisationRow | undefined) =>
      row ? (Date.parse(row.end) - Date.parse(row.start)) / 3_600_000 : Number.NaN;
    expect(yesterday).toMatchObject({ occupiedHours: hoursOf(yesterday), peakOccupied: 1 });
    const [stored] = await harness.service.db.query<{ seconds: number }>(
      `SELECT seconds FROM usage_days WHERE level = 'floor' AND group_id = $1 AND day = $2::date`,
      [floorId, addDays(today, -1)],
    );
    expect(stored?.seconds).toBe(hoursOf(yesterday) * 3600);
    const sinceMidnight = (Date.now() - Date.parse(current?.start ?? '')) / 3_600_000;
    expect(current?.occupiedHours).toBeGreaterThan(sinceMidnight - 0.05);
    expect(current?.occupiedHours).toBeLessThanOrEqual(sinceMidnight + 0.01);
    expect(current?.peakOccupied).toBe(1);
  });

  it('knows that the spring-forward day has 23 hours and the fall-back day 25', async () => {
    await session(0, '2026-03-28T23:00:00Z', '2026-03-29T04:00:00Z'); // 00:00 → 06:00 local, 5 real hours
    await session(1, '2026-10-24T22:00:00Z', '2026-10-25T05:00:00Z'); // 00:00 → 06:00 local, 7 real hours
    const [spring] = await rows('from=2026-03-29&to=2026-03-29&groupBy=floor&interval=day');
    expect(spring).toMatchObject({
      start: '2026-03-28T23:00:00.000Z',
      end: '2026-03-29T22:00:00.000Z',
      occupiedHours: 5,
    });
    // A Sunday: the office is closed, so there is no utilisation to speak of, only use outside office hours.
    expect(spring).toMatchObject({ officeHours: 0, outsideHours: 5, utilisation: null });
    const [autumn] = await rows('from=2026-10-25&to=2026-10-25&groupBy=floor&interval=day');
    expect(autumn).toMatchObject({ end: '2026-10-25T23:00:00.000Z', occupiedHours: 7 });
    expect(await rows('from=2026-10-25&to=2026-10-25&groupBy=floor&interval=hour')).toHaveLength(25);
  });

  it('measures against the site’s office hours, counts evening use apart and marks desks created in the period', async () => {
    const created = await admin.request('POST', '/sites', {
      body: { name: 'Office hours', officeHours: { start: 9, end: 17, days: [5, 1, 2, 3, 4, 4] } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const site = siteSchema.parse(created.body);
    expect(site.officeHours).toEqual({ start: 9, end: 17, days: [1, 2, 3, 4, 5] });
    const refused = await admin.request('POST', '/sites', {
      body: { name: 'Closed at once', officeHours: { start: 17, end: 9, days: [1] } },
    });
    expect(refused.status).toBe(400);
    await harness.service.db.query('UPDATE floors SET site_id = $1::uuid WHERE id = $2::uuid', [site.id, floorId]);
    const late = await facility.request('POST', '/desks', { body: { name: 'A-3', mac: '009033aa0003', floorId } });
    const lateId = deskSchema.parse(late.body).id;
    try {
      // Monday 2 November, 8:00 to 20:00 in Berlin: 8 hours inside 9–17, 4 outside.
      await session(0, '2026-11-02T07:00:00Z', '2026-11-02T19:00:00Z');
      const [monday] = await rows('from=2026-11-02&to=2026-11-02&groupBy=floor&interval=day');
      expect(monday).toMatchObject({ desks: 3, occupiedHours: 12, outsideHours: 4 });
      // A-3 came later: two desks × 8 office hours that day.
      expect(monday).toMatchObject({ officeHours: 16, utilisation: 50 });
      const [week] = await rows('from=2026-11-02&to=2026-11-08&groupBy=floor&interval=week');
      expect(week).toMatchObject({ officeHours: 80, utilisation: 10 });
      const hours = await rows('from=2026-11-02&to=2026-11-02&groupBy=floor&interval=hour');
      expect(hours.map((row) => row.officeHours)).toEqual(
        Array.from({ length: 24 }, (_, hour) => (hour >= 9 && hour < 17 ? 3 : 0)),
      );
      const byDesk = utilisationResponseSchema.parse(
        (
          await facility.request(
            'GET',
            `/analytics/utilisation?from=2026-11-02&to=2026-11-02&groupBy=desk&floorId=${floorId}`,
          )
        ).body,
      ).rows;
      expect(byDesk.find((row) => row.groupName === 'A-3')).toMatchObject({ officeHours: 0, utilisation: null });
      expect(byDesk.find((row) => row.groupName === 'A-3')?.createdAt).toBeTruthy();
      expect(byDesk.find((row) => row.groupName === 'A-1')).toMatchObject({ officeHours: 8, utilisation: 100 });
      // Other office hours count the same day again, from its sessions.
      const changed = await admin.request('PATCH', `/sites/${site.id}`, {
        body: { officeHours: { start: 7, end: 19, days: [1, 2, 3, 4, 5] } },
        headers: { 'If-Match': `"${site.version}"` },
      });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      const [again] = await rows('from=2026-11-02&to=2026-11-02&groupBy=floor&interval=day');
      expect(again).toMatchObject({ officeHours: 24, outsideHours: 1, utilisation: 45.8 });
    } finally {
      await harness.service.db.query('DELETE FROM desks WHERE id = $1::uuid', [lateId]);
      await harness.service.db.query('DELETE FROM sites WHERE id = $1::uuid', [site.id]);
    }
  });

  it('counts the peak of desks used at once, not back-to-back sessions', async () => {
    await session(0, '2026-11-02T08:00:00Z', '2026-11-02T12:00:00Z', 'user001');
    await session(1, '2026-11-02T12:00:00Z', '2026-11-02T16:00:00Z', 'user002');
    const [monday] = await rows('from=2026-11-02&to=2026-11-02&groupBy=floor&interval=day');
    expect(monday).toMatchObject({ occupiedHours: 8, peakOccupied: 1 });
    await session(1, '2026-11-03T09:00:00Z', '2026-11-03T10:00:00Z', 'user002');
    await session(0, '2026-11-03T09:30:00Z', '2026-11-03T11:00:00Z', 'user003');
    const [tuesday] = await rows('from=2026-11-03&to=2026-11-03&groupBy=floor&interval=day');
    expect(tuesday).toMatchObject({ occupiedHours: 2.5, peakOccupied: 2 });
    const week = await rows('from=2026-11-02&to=2026-11-08&groupBy=floor&interval=week');
    expect(week).toHaveLength(1);
    expect(week[0]).toMatchObject({ occupiedHours: 10.5, peakOccupied: 2 });
  });

  it('in aggregate-only mode hides groups fewer than five people used, and one person’s history entirely', async () => {
    await setPrivacy({ aggregateOnly: true, retentionDays: 90 });
    await session(0, '2026-11-02T08:00:00Z', '2026-11-02T12:00:00Z', 'user001');
    const [few] = await rows('from=2026-11-02&to=2026-11-02&groupBy=floor&interval=day');
    expect(few).toMatchObject({ suppressed: true, occupiedHours: null, peakOccupied: null, utilisation: null });
    for (const [index, person] of ['user002', 'user003', 'user004', 'user005'].entries()) {
      await session(index % 2, `2026-11-02T1${index + 2}:00:00Z`, `2026-11-02T1${index + 2}:30:00Z`, person);
    }
    const [five] = await rows('from=2026-11-02&to=2026-11-02&groupBy=floor&interval=day');
    expect(five).toMatchObject({ suppressed: false, occupiedHours: 6 });
    const refused = await admin.request('GET', '/analytics/history?user=user001');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'aggregate_only' } });
    const csv = await fetch(
      `${harness.service.url}/api/v1/analytics/utilisation.csv?from=2026-11-02&to=2026-11-02&groupBy=desk&interval=day`,
      { headers: { Cookie: facility.cookieHeader() } },
    );
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'group,start,end,desks,occupied_hours,office_hours,outside_hours,peak_occupied,utilisation_percent,suppressed',
    );
    // Per desk, at most three people each: every cell that was used is suppressed.
    expect(lines.filter((line) => line.startsWith('A-')).every((line) => line.endsWith(',,,,true'))).toBe(true);
  });

  it('in aggregate-only mode leaves a person’s own check-ins out of the audit log, and keeps staff actions and refusals', async () => {
    const events = [
      { actor: 'user007', action: 'occupancy.checkin', result: 'ok', detail: { user: 'user007', method: 'desk' } },
      { actor: 'pbx', action: 'occupancy.pbx_change', result: 'ok', detail: { before: null, after: 'user008' } },
      { actor: 'service', action: 'occupancy.checkout', result: 'ok', detail: { user: 'user007', reason: 'auto' } },
      { actor: 'helpdesk', action: 'occupancy.checkin', result: 'ok', detail: { user: 'user009', method: 'console' } },
      { actor: 'user010', action: 'occupancy.keypad_login', result: 'refused', detail: { reason: 'wrong_pin' } },
      { actor: 'helpdesk', action: 'occupancy.force_logout', result: 'ok', detail: {} },
    ] as const;
    for (const event of events) await recordAudit(harness.service.db, { ...event, target: 'Audit probe' });
    const actors = async () =>
      auditListResponseSchema
        .parse((await admin.request('GET', '/audit?limit=20')).body)
        .events.filter((event) => event.target === 'Audit probe')
        .map((event) => `${event.actor} ${event.action}`);
    expect(await actors()).toHaveLength(events.length);
    await setPrivacy({ aggregateOnly: true, retentionDays: 90 });
    expect(await actors()).toEqual([
      'helpdesk occupancy.force_logout',
      'user010 occupancy.keypad_login',
      'helpdesk occupancy.checkin',
    ]);
  });

  it('gives one person’s history to admins only, when aggregate-only is off, and audits it', async () => {
    await session(0, '2026-11-02T08:00:00Z', '2026-11-02T12:00:00Z', 'user001');
    const answer = await admin.request('GET', '/analytics/history?user=user001');
    expect(historyResponseSchema.parse(answer.body).sessions).toEqual([
      expect.objectContaining({ deskName: 'A-1', since: '2026-11-02T08:00:00.000Z', method: 'desk' }),
    ]);
    expect((await facility.request('GET', '/analytics/history?user=user001')).status).toBe(403);
    const log = auditListResponseSchema.parse((await admin.request('GET', '/audit?limit=5')).body);
    expect(log.events[0]).toMatchObject({ actor: 'admin', action: 'analytics.history', target: 'user001' });
    const employee = harness.client();
    await employee.signIn('user001', 'demo');
    expect((await employee.request('GET', '/analytics/utilisation?from=2026-11-02&to=2026-11-02')).status).toBe(403);
  });

  it('refuses a range too long for its interval', async () => {
    const answer = await facility.request('GET', '/analytics/utilisation?from=2026-01-01&to=2026-03-01&interval=hour');
    expect(answer.status).toBe(400);
  });
});

describe('history retention', () => {
  it('keeps the daily figures, without names, after the sessions are deleted', async () => {
    const since = new Date(Date.now() - 100 * 86_400_000);
    since.setUTCHours(9, 0, 0, 0);
    await session(1, since.toISOString(), new Date(since.getTime() + 2 * 3_600_000).toISOString());
    expect(await keepHistory(harness.service.db, 'Europe/Berlin', 90)).toBe(1);
    const day = since.toISOString().slice(0, 10);
    const [cell] = await rows(`from=${day}&to=${day}&groupBy=floor&interval=day`);
    expect(cell).toMatchObject({ occupiedHours: 2, peakOccupied: 1 });
  });

  it('deletes ended sessions older than the retention period, and nothing else', async () => {
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    await session(0, daysAgo(101), daysAgo(100), 'user001');
    await session(0, daysAgo(31), daysAgo(30), 'user002');
    await session(1, daysAgo(200), null, 'user003');
    expect(await purgeHistory(harness.service.db, 90)).toBe(1);
    const left = await harness.service.db.query<{ user_name: string }>(
      'SELECT user_name FROM desk_sessions ORDER BY user_name',
    );
    expect(left.map((row) => row.user_name)).toEqual(['user002', 'user003']);
    // Their audit events too, and only those.
    await harness.service.db.query(
      `INSERT INTO audit_events (at, actor, action, target, result, detail) VALUES
         (now() - interval '100 days', 'user001', 'occupancy.checkin', 'A-9', 'ok', '{}'),
         (now() - interval '100 days', 'facility', 'desk.update', 'A-9', 'ok', '{}'),
         (now() - interval '30 days', 'user002', 'occupancy.checkout', 'A-9', 'ok', '{}')`,
    );
    await purgeHistory(harness.service.db, 90);
    const audited = await harness.service.db.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE target = 'A-9' ORDER BY action",
    );
    expect(audited.map((row) => row.action)).toEqual(['desk.update', 'occupancy.checkout']);
    // Daily figures go after two years.
    await harness.service.db.query(
      `INSERT INTO usage_days (level, day, group_id, floor_id, seconds, office_seconds, peak, people)
       VALUES ('floor', current_date - 800, $1, $1, 3600, 3600, 1, 1), ('floor', current_date - 700, $1, $1, 3600, 3600, 1, 1)`,
      [floorId],
    );
    await purgeHistory(harness.service.db, 90);
    const kept = await harness.service.db.query<{ age: number }>(
      'SELECT current_date - day AS age FROM usage_days WHERE group_id = $1',
      [floorId],
    );
    expect(kept).toEqual([{ age: 700 }]);
  });
});
