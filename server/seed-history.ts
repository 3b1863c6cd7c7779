import type { SimCompany } from '../mocks/pbx/demo-company.ts';
import { demoHistory } from '../mocks/pbx/demo-history.ts';
import type { Queryable } from './db/db.ts';

/** Writes the demo company's eight weeks of check-in history (mocks/pbx/demo-history.ts) as ended sessions. */
export async function seedDemoHistory(
  db: Queryable,
  company: SimCompany,
  desks: readonly { id: string; mac: string }[],
  now: Date,
): Promise<number> {
  const rows = demoHistory(company, desks, now);
  if (rows.length === 0) return 0;
  await db.query(
    `INSERT INTO desk_sessions (desk_id, mac, user_guid, user_name, display_name, method, checked_in_by, since, ended_at, end_reason)
     SELECT u.desk_id, u.mac, u.guid, u.name, u.cn, 'desk', u.name, u.since, u.until, 'checked_out'
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[])
         AS u(desk_id, mac, guid, name, cn, since, until)`,
    [
      rows.map((row) => row.deskId),
      rows.map((row) => row.mac),
      rows.map((row) => row.guid),
      rows.map((row) => row.userName),
      rows.map((row) => row.displayName),
      rows.map((row) => row.since),
      rows.map((row) => row.until),
    ],
  );
  // The desks stood there before their history began (Insights count a desk's office hours from its creation).
  await db.query(
    `UPDATE desks SET created_at = (SELECT min(since) FROM desk_sessions WHERE desk_id = ANY($1::uuid[]))
      WHERE id = ANY($1::uuid[])`,
    [desks.map((desk) => desk.id)],
  );
  return rows.length;
}
