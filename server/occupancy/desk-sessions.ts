import { auditInsert, type AuditEntry } from '../audit/audit.ts';
import type { Queryable } from '../db/db.ts';

export interface OpenSession {
  id: string;
  deskId: string;
  mac: string;
  userGuid: string;
  userName: string;
  displayName: string;
  method: string;
  checkedInBy: string;
  since: Date;
}

interface SessionRow {
  id: string;
  desk_id: string;
  mac: string;
  user_guid: string;
  user_name: string;
  display_name: string;
  method: string;
  checked_in_by: string;
  since: Date;
}

const toSession = (row: SessionRow): OpenSession => ({
  id: row.id,
  deskId: row.desk_id,
  mac: row.mac,
  userGuid: row.user_guid,
  userName: row.user_name,
  displayName: row.display_name,
  method: row.method,
  checkedInBy: row.checked_in_by,
  since: row.since,
});

const COLUMNS = `id::text AS id, desk_id::text AS desk_id, mac, user_guid, user_name, display_name, method, checked_in_by, since`;

export async function openSessions(db: Queryable): Promise<OpenSession[]> {
  return (await db.query<SessionRow>(`SELECT ${COLUMNS} FROM desk_sessions WHERE ended_at IS NULL`)).map(toSession);
}

/** The open sessions of these desks only (what a PBX change can have touched). */
export async function openSessionsOfDesks(db: Queryable, deskIds: readonly string[]): Promise<OpenSession[]> {
  if (deskIds.length === 0) return [];
  return (
    await db.query<SessionRow>(
      `SELECT ${COLUMNS} FROM desk_sessions WHERE ended_at IS NULL AND desk_id = ANY($1::uuid[])`,
      [deskIds],
    )
  ).map(toSession);
}

export async function openSessionsOfUser(db: Queryable, userGuid: string): Promise<OpenSession[]> {
  return (
    await db.query<SessionRow>(
      `SELECT ${COLUMNS} FROM desk_sessions WHERE ended_at IS NULL AND user_guid = $1 ORDER BY since`,
      [userGuid],
    )
  ).map(toSession);
}

export async function openSessionOfDesk(db: Queryable, deskId: string): Promise<OpenSession | null> {
  const [row] = await db.query<SessionRow>(
    `SELECT ${COLUMNS} FROM desk_sessions WHERE ended_at IS NULL AND desk_id = $1::uuid`,
    [deskId],
  );
  return row ? toSession(row) : null;
}

export async function endSession(db: Queryable, id: string, reason: string, at: Date): Promise<void> {
  await db.query('UPDATE desk_sessions SET ended_at = $2, end_reason = $3 WHERE id = $1::bigint AND ended_at IS NULL', [
    id,
    at,
    reason,
  ]);
}

/** A new session's columns as the INSERTs below number them ($1 … $8). */
const sessionValues = (session: Omit<OpenSession, 'id'>): unknown[] => [
  session.deskId,
  session.mac,
  session.userGuid,
  session.userName,
  session.displayName,
  session.method,
  session.checkedInBy,
  session.since,
];

export async function startSession(db: Queryable, session: Omit<OpenSession, 'id'>): Promise<OpenSession> {
  const [row] = await db.query<SessionRow>(
    `INSERT INTO desk_sessions (desk_id, mac, user_guid, user_name, display_name, method, checked_in_by, since)
     VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    sessionValues(session),
  );
  if (!row) throw new Error('session insert returned nothing');
  return toSession(row);
}

/**
 * Starts `session` at its desk, ending the desk's open session (if any) with `endReason`, and records `audit`:
 * one statement, so all of it is stored or none, in one round trip instead of a transaction's five. The new
 * session is inserted only once the old one has ended (it reads the UPDATE's result), so the desk's "one open
 * session" index never sees two. Answers the new session and the id of the one it ended.
 */
export async function startSessionEndingOpen(
  db: Queryable,
  session: Omit<OpenSession, 'id'>,
  endReason: string,
  audit: AuditEntry,
): Promise<{ session: OpenSession; endedId: string | null }> {
  const event = auditInsert(audit, 10);
  const [row] = await db.query<SessionRow & { ended_id: string | null }>(
    `WITH ended AS (
       UPDATE desk_sessions SET ended_at = $8, end_reason = $9 WHERE desk_id = $1::uuid AND ended_at IS NULL RETURNING id
     ), started AS (
       INSERT INTO desk_sessions (desk_id, mac, user_guid, user_name, display_name, method, checked_in_by, since)
       SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::timestamptz
       FROM (SELECT count(*) FROM ended) AS after_ending
       RETURNING ${COLUMNS}
     ), audited AS (${event.sql})
     SELECT started.*, (SELECT id::text FROM ended LIMIT 1) AS ended_id FROM started`,
    [...sessionValues(session), endReason, ...event.params],
  );
  if (!row) throw new Error('session insert returned nothing');
  return { session: toSession(row), endedId: row.ended_id };
}
