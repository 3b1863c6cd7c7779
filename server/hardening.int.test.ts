import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditListResponseSchema } from '../contract/api.ts';
import { startHarness, type Harness } from '../test/service-harness.ts';
import type { TestClient } from '../test/http-client.ts';

/** Regression tests for the findings of the outside security and fault probe (issue "Hardening"). */
let harness: Harness;
let admin: TestClient;
beforeAll(async () => {
  harness = await startHarness();
  admin = harness.client();
  await admin.signIn('admin', 'demo');
});
afterAll(() => harness.close());

describe('the audit log', () => {
  it('lists newest first by time, then id, and pages through every event exactly once', async () => {
    const db = harness.service.db;
    // 120 events, many in the same instant, ids past 99 (where a text sort puts 99 before 100).
    const at = new Date('2026-01-01T10:00:00Z');
    for (let index = 0; index < 120; index += 1) {
      await db.query(`INSERT INTO audit_events (at, actor, action, result) VALUES ($1, 'probe', 'probe.event', 'ok')`, [
        new Date(at.getTime() + Math.floor(index / 7) * 1000),
      ]);
    }
    const all = await db.query<{ id: string }>('SELECT id::text AS id FROM audit_events');
    const seen: { id: string; at: string }[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const answer = await admin.request('GET', `/audit?limit=7${cursor === null ? '' : `&before=${cursor}`}`);
      expect(answer.status).toBe(200);
      const body = auditListResponseSchema.parse(answer.body);
      seen.push(...body.events);
      cursor = body.nextCursor;
      if (cursor === null) break;
    }
    expect(seen.map((event) => event.id).sort()).toEqual(all.map((row) => row.id).sort());
    const order = (event: { id: string; at: string }) => [Date.parse(event.at), Number(event.id)] as const;
    for (let index = 1; index < seen.length; index += 1) {
      const [previousAt, previousId] = order(seen[index - 1] ?? { id: '0', at: '' });
      const [thisAt, thisId] = order(seen[index] ?? { id: '0', at: '' });
      expect(previousAt > thisAt || (previousAt === thisAt && previousId > thisId)).toBe(true);
    }
  });

  it('answers a cursor beyond any id with 400, not 500', async () => {
    const answer = await admin.request('GET', '/audit?before=99999999999999999999999');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { fields: { before: expect.any(String) } } });
  });
});
