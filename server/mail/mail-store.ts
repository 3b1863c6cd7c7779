import type {
  MailKind,
  MailLanguage,
  MailPreferencesInput,
  MailState,
  OutboxMessage,
  OutboxMessageDetail,
} from '../../contract/mail.ts';
import type { EmergencyAlert } from '../../contract/occupancy.ts';
import type { Queryable } from '../db/db.ts';

/** The mail tables' SQL (outbox, preferences, the audit cursor); the rules are in mail-rounds.ts and mail-outbox.ts. */

export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface NewMail {
  kind: MailKind;
  /** Makes the message once only, however many instances or rounds compose it. */
  dedupeKey: string;
  to: string;
  person: string | null;
  language: MailLanguage;
  subject: string;
  text: string;
  html: string;
  attachments?: Attachment[];
  emergencyCallId?: string;
}

/**
 * Queues a message (`held` when there is no mail server: kept for administrators to read); false when one with
 * its key is already there. `giveUpAfterMs`: how long it is retried.
 */
export async function enqueueMail(
  db: Queryable,
  mail: NewMail,
  { sending, now, giveUpAfterMs }: { sending: boolean; now: Date; giveUpAfterMs: number },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO mail_outbox (kind, dedupe_key, recipient, person, language, subject, text_body, html_body,
       attachments, emergency_call_id, state, next_attempt_at, created_at, give_up_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::bigint, $11, $12, $12, $13)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [
      mail.kind,
      mail.dedupeKey,
      mail.to,
      mail.person,
      mail.language,
      mail.subject,
      mail.text,
      mail.html,
      JSON.stringify(mail.attachments ?? []),
      mail.emergencyCallId ?? null,
      sending ? 'queued' : 'held',
      now,
      new Date(now.getTime() + giveUpAfterMs),
    ],
  );
  return rows.length > 0;
}

export interface ClaimedMail {
  id: string;
  kind: MailKind;
  recipient: string;
  language: MailLanguage;
  subject: string;
  text_body: string;
  html_body: string;
  attachments: Attachment[];
  attempts: number;
  give_up_at: Date;
  emergency_call_id: string | null;
}

/** The next message due, held for `leaseMs` (another instance skips it; a crashed one's hold runs out). */
export async function claimDueMail(db: Queryable, now: Date, leaseMs: number): Promise<ClaimedMail | null> {
  const [row] = await db.query<ClaimedMail>(
    `UPDATE mail_outbox SET lease_until = $2, attempts = attempts + 1
     WHERE id = (SELECT id FROM mail_outbox
                 WHERE state = 'queued' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
                 ORDER BY emergency_call_id IS NULL, next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING id::text AS id, kind, recipient, language, subject, text_body, html_body, attachments, attempts,
       give_up_at, emergency_call_id::text AS emergency_call_id`,
    [now, new Date(now.getTime() + leaseMs)],
  );
  return row ?? null;
}

export async function markSent(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query(
    `UPDATE mail_outbox SET state = 'sent', sent_at = $2, lease_until = NULL, last_error = NULL WHERE id = $1::bigint`,
    [id, at],
  );
}

/** A failed try: tried again at `retryAt`, or given up on (null). */
export async function markFailed(db: Queryable, id: string, error: string, retryAt: Date | null): Promise<void> {
  await db.query(
    `UPDATE mail_outbox SET state = $2, next_attempt_at = COALESCE($3, next_attempt_at), last_error = $4,
       lease_until = NULL WHERE id = $1::bigint`,
    [id, retryAt === null ? 'failed' : 'queued', retryAt, error],
  );
}

/** A message given up on, queued again by an administrator; false when it was not given up on. */
export async function requeueFailed(db: Queryable, id: string, now: Date, giveUpAfterMs: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE mail_outbox SET state = 'queued', next_attempt_at = $2, give_up_at = $3, lease_until = NULL
     WHERE id = $1::bigint AND state = 'failed' RETURNING id`,
    [id, now, new Date(now.getTime() + giveUpAfterMs)],
  );
  return rows.length > 0;
}

interface OutboxRow {
  id: string;
  kind: MailKind;
  recipient: string;
  person: string | null;
  language: MailLanguage;
  subject: string;
  state: MailState;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  next_attempt_at: Date;
  text_body: string;
  attachments: Attachment[];
}

const SELECT = `SELECT id::text AS id, kind, recipient, person, language, subject, state, attempts, last_error,
  created_at, sent_at, next_attempt_at, text_body, attachments FROM mail_outbox`;

function toMessage(row: OutboxRow): Omit<OutboxMessage, 'withheld'> {
  return {
    id: row.id,
    kind: row.kind,
    to: row.recipient,
    person: row.person,
    language: row.language,
    subject: row.subject,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
    nextAttemptAt: row.state === 'queued' ? row.next_attempt_at.toISOString() : null,
  };
}

/** Newest first, a page of `limit`; `before`: the last id of the previous page. */
export async function listOutbox(
  db: Queryable,
  { state, before, limit }: { state?: MailState | undefined; before?: string | undefined; limit: number },
): Promise<Omit<OutboxMessage, 'withheld'>[]> {
  const rows = await db.query<OutboxRow>(
    `${SELECT} WHERE ($1::text IS NULL OR state = $1) AND ($2::bigint IS NULL OR id < $2::bigint)
     ORDER BY id DESC LIMIT $3`,
    [state ?? null, before ?? null, limit],
  );
  return rows.map(toMessage);
}

export async function outboxMessage(db: Queryable, id: string): Promise<Omit<OutboxMessageDetail, 'withheld'> | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const [row] = await db.query<OutboxRow>(`${SELECT} WHERE id = $1::bigint`, [id]);
  return row
    ? { ...toMessage(row), text: row.text_body, attachments: row.attachments.map((file) => file.filename) }
    : null;
}

export async function failedSince(db: Queryable, since: Date): Promise<number> {
  const [row] = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM mail_outbox WHERE state = 'failed' AND created_at >= $1`,
    [since],
  );
  return row?.count ?? 0;
}

/** The e-mails of emergency calls, by call: to whom, and how far each got. */
export async function emergencyMails(
  db: Queryable,
  callIds: readonly string[],
): Promise<Map<string, { to: string; state: MailState }[]>> {
  const rows =
    callIds.length === 0
      ? []
      : await db.query<{ call: string; recipient: string; state: MailState }>(
          `SELECT emergency_call_id::text AS call, recipient, state FROM mail_outbox
           WHERE emergency_call_id = ANY($1::bigint[]) ORDER BY id`,
          [callIds],
        );
  const byCall = new Map<string, { to: string; state: MailState }[]>();
  for (const row of rows)
    byCall.set(row.call, [...(byCall.get(row.call) ?? []), { to: row.recipient, state: row.state }]);
  return byCall;
}

/** Messages older than `days` are deleted (they carry personal data). */
export async function purgeOutbox(db: Queryable, now: Date, days: number): Promise<void> {
  await db.query(`DELETE FROM mail_outbox WHERE created_at < $1`, [new Date(now.getTime() - days * 86_400_000)]);
}

export interface StoredPreferences {
  address: string | null;
  language: MailLanguage | null;
  bookings: boolean;
  reminders: boolean;
  releases: boolean;
  dailySummary: boolean;
}

export const DEFAULT_PREFERENCES: StoredPreferences = {
  address: null,
  language: null,
  bookings: true,
  reminders: true,
  releases: true,
  dailySummary: false,
};

export async function preferencesOf(db: Queryable, username: string): Promise<StoredPreferences> {
  const [row] = await db.query<StoredPreferences>(
    `SELECT address, language, bookings, reminders, releases, daily_summary AS "dailySummary"
     FROM mail_preferences WHERE username = lower($1)`,
    [username],
  );
  return row ?? DEFAULT_PREFERENCES;
}

export async function savePreferences(db: Queryable, username: string, input: MailPreferencesInput): Promise<void> {
  await db.query(
    `INSERT INTO mail_preferences (username, address, language, bookings, reminders, releases, daily_summary, updated_at)
     VALUES (lower($1), $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (username) DO UPDATE SET address = EXCLUDED.address, language = EXCLUDED.language,
       bookings = EXCLUDED.bookings, reminders = EXCLUDED.reminders, releases = EXCLUDED.releases,
       daily_summary = EXCLUDED.daily_summary, updated_at = now()`,
    [username, input.address, input.language, input.bookings, input.reminders, input.releases, input.dailySummary],
  );
}

/** The people who asked for the daily summary. */
export async function summaryReaders(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ username: string }>('SELECT username FROM mail_preferences WHERE daily_summary');
  return rows.map((row) => row.username);
}

/** The alerts with the state of each e-mail about them (the occupancy reads the alerts, this module the mail). */
export async function withEmergencyMails(db: Queryable, alerts: readonly EmergencyAlert[]): Promise<EmergencyAlert[]> {
  const mails = await emergencyMails(
    db,
    alerts.map((alert) => alert.id),
  );
  return alerts.map((alert) => ({ ...alert, emails: mails.get(alert.id) ?? [] }));
}
