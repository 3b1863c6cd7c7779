import type { MailLanguage } from '../../contract/mail.ts';
import { addDays, localMoment } from '../../contract/office-hours.ts';
import { zonedTimeToUtc } from '../../contract/local-time.ts';
import type { Settings } from '../../contract/settings.ts';
import { rolesFor } from '../auth/sign-in.ts';
import { bookingIcs, seriesIcs } from '../bookings/calendar.ts';
import { alertsByIds } from '../occupancy/emergency-alerts.ts';
import type { Config } from '../lib/config.ts';
import type { Db, Queryable } from '../db/db.ts';
import type { Pbx, PbxUser } from '../pbx/pbx.ts';
import type { SettingsStore } from '../settings/settings-service.ts';
import { bookingMail, emergencyMail, logoutMail, summaryMail, type BookingMailKind } from './compose.ts';
import { dayFigures, mailBooking, newAuditEvents, remindersDue, type AuditMailEvent } from './mail-sources.ts';
import {
  enqueueMail,
  preferencesOf,
  purgeOutbox,
  summaryReaders,
  type NewMail,
  type StoredPreferences,
} from './mail-store.ts';
import { GIVE_UP_AFTER_MS } from './mail-outbox.ts';

/**
 * What is to be mailed, found where it is written down durably: the audit log (bookings made, changed,
 * cancelled, released; helpdesk logouts), bookings whose check-in window comes near, the morning's summary, and
 * emergency calls. Every message has a key, so that a round run twice, or by two instances at once, queues it once.
 */

export interface MailDeps {
  db: Db;
  pbx: Pbx;
  settings: SettingsStore;
  now: () => number;
  /** The console's address for the links in messages. */
  consoleUrl: () => string;
  /** Whether a mail server is configured (else messages are held in the outbox). */
  sending: boolean;
  roleGroups: Config['roleGroups'];
}

/** How far back each round looks again in the audit log: a transaction may commit after a later one. */
const LOOK_BACK_MS = 10 * 60_000;
/** A weekly series is written one week at a time: its one message waits until the request is surely done. */
const SERIES_SETTLE_MS = 15_000;
/** Outbox rows are kept this long (they name people). */
const KEEP_DAYS = 30;

interface Recipient {
  address: string;
  language: MailLanguage;
  preferences: StoredPreferences;
  user: PbxUser | null;
}

async function recipientOf(deps: MailDeps, userName: string, settings: Settings): Promise<Recipient | null> {
  const preferences = await preferencesOf(deps.db, userName);
  // The replica's name index; while the user table is not loaded this throws, and the round is tried again later
  // (an event is never taken as seen for want of an address the PBX has not told yet).
  const user = await deps.pbx.findUser(userName);
  const address = preferences.address ?? (user?.email || null);
  if (address === null) return null;
  return { address, language: preferences.language ?? settings.notifications.defaultLanguage, preferences, user };
}

/** Queues what the audit log's new events call for; answers how many messages were queued. */
export async function mailFromAudit(deps: MailDeps, seen: Set<string>): Promise<number> {
  const settings = await deps.settings.get();
  const events = await newAuditEvents(deps.db, LOOK_BACK_MS);
  let queued = 0;
  for (const event of events) {
    if (seen.has(event.id)) continue;
    const done = await mailForEvent(deps, settings, event);
    if (done === 'later') continue;
    seen.add(event.id);
    if (done) queued += 1;
  }
  // The ids of events older than the look-back are of no more use.
  if (seen.size > 50_000) seen.clear();
  return queued;
}

const BOOKING_KINDS: Record<string, BookingMailKind> = {
  'booking.create': 'booking_made',
  'booking.change': 'booking_changed',
  'booking.cancel': 'booking_cancelled',
  'booking.release': 'booking_released',
};

async function mailForEvent(deps: MailDeps, settings: Settings, event: AuditMailEvent): Promise<boolean | 'later'> {
  const ctx = (language: MailLanguage) => ({
    language,
    timeZone: settings.autoLogout.timeZone,
    consoleUrl: deps.consoleUrl(),
  });
  if (event.action === 'occupancy.force_logout') {
    const userName = event.detail.user;
    if (typeof userName !== 'string' || event.actor === 'system' || event.actor === 'service') return false;
    const to = await recipientOf(deps, userName, settings);
    if (!to) return false;
    const actor = await deps.pbx.findUser(event.actor);
    const composed = logoutMail(ctx(to.language), {
      displayName: to.user?.displayName ?? userName,
      deskName: event.target ?? '',
      at: event.at,
      actor: actor?.displayName ?? event.actor,
      note: typeof event.detail.note === 'string' ? event.detail.note : null,
    });
    return queue(deps, { kind: 'logged_out', dedupeKey: `audit:${event.id}`, to, person: userName, ...composed });
  }
  const kind = BOOKING_KINDS[event.action];
  const bookingId = kind === 'booking_released' ? event.target : event.detail.id;
  if (kind === undefined || typeof bookingId !== 'string') return false;
  const booking = await mailBooking(deps.db, bookingId);
  if (!booking) return false;
  // A weekly series is one message, once all its weeks are written.
  if (kind === 'booking_made' && booking.seriesId !== null) {
    if (deps.now() - event.at.getTime() < SERIES_SETTLE_MS) return 'later';
  }
  const to = await recipientOf(deps, booking.userName, settings);
  const wanted = kind === 'booking_released' ? to?.preferences.releases : to?.preferences.bookings;
  if (!to || !wanted) return false;
  const self = event.actor.toLowerCase() === booking.userName.toLowerCase() || event.actor === 'service';
  const actor = self ? null : ((await deps.pbx.findUser(event.actor))?.displayName ?? event.actor);
  const composed = bookingMail(
    kind,
    ctx(to.language),
    { ...booking, displayName: to.user?.displayName ?? booking.displayName },
    actor,
  );
  const withCalendar = kind === 'booking_made' || kind === 'booking_changed' || kind === 'booking_cancelled';
  const language = { locale: to.language, timeZone: settings.autoLogout.timeZone };
  const ics = !withCalendar
    ? null
    : kind === 'booking_made' && booking.seriesId !== null
      ? await seriesIcs(deps.db, booking.seriesId, language)
      : ((await bookingIcs(deps.db, booking.id, language))?.ics ?? null);
  const key = kind === 'booking_made' && booking.seriesId !== null ? `series:${booking.seriesId}` : `audit:${event.id}`;
  return queue(deps, {
    kind,
    dedupeKey: key,
    to,
    person: booking.userName,
    ...composed,
    ...(ics
      ? { attachments: [{ filename: 'booking.ics', contentType: 'text/calendar; charset=utf-8', content: ics }] }
      : {}),
  });
}

async function queue(
  deps: MailDeps,
  mail: Omit<NewMail, 'to' | 'language'> & { to: Recipient },
  db: Queryable = deps.db,
): Promise<boolean> {
  return enqueueMail(
    db,
    { ...mail, to: mail.to.address, language: mail.to.language },
    { sending: deps.sending, now: new Date(deps.now()), giveUpAfterMs: GIVE_UP_AFTER_MS.other },
  );
}

/** Reminders of bookings whose check-in window opens within the reminder time (made before that time). */
export async function mailReminders(deps: MailDeps, seen: Set<string>): Promise<number> {
  const settings = await deps.settings.get();
  const minutes = settings.notifications.reminderMinutes;
  if (minutes === null) return 0;
  let queued = 0;
  for (const id of await remindersDue(deps.db, new Date(deps.now()), minutes)) {
    if (seen.has(id)) continue;
    seen.add(id);
    const booking = await mailBooking(deps.db, id);
    const to = booking ? await recipientOf(deps, booking.userName, settings) : null;
    if (!booking || !to?.preferences.reminders) continue;
    const composed = bookingMail(
      'booking_reminder',
      { language: to.language, timeZone: settings.autoLogout.timeZone, consoleUrl: deps.consoleUrl() },
      { ...booking, displayName: to.user?.displayName ?? booking.displayName },
      null,
    );
    if (
      await queue(deps, {
        kind: 'booking_reminder',
        dedupeKey: `reminder:${id}`,
        to,
        person: booking.userName,
        ...composed,
      })
    )
      queued += 1;
  }
  return queued;
}

/** The daily summary, once a day from its time on, to facility and administrators who asked for it. */
export async function mailDailySummary(deps: MailDeps): Promise<number> {
  const settings = await deps.settings.get();
  const timeZone = settings.autoLogout.timeZone;
  const now = new Date(deps.now());
  const today = localMoment(now, timeZone).day;
  const [hour = 0, minute = 0] = settings.notifications.dailySummaryAt.split(':').map(Number);
  const [year = 0, month = 1, day = 1] = today.split('-').map(Number);
  if (now < zonedTimeToUtc(timeZone, year, month, day, hour, minute)) return 0;
  const readers = await summaryReaders(deps.db);
  if (readers.length === 0) return 0;
  const yesterday = addDays(today, -1);
  let figures: Awaited<ReturnType<typeof dayFigures>> | null = null;
  let queued = 0;
  for (const name of readers) {
    const to = await recipientOf(deps, name, settings);
    const roles = to?.user ? rolesFor(to.user, deps.roleGroups) : [];
    if (!to || !roles.some((role) => role === 'facility' || role === 'admin')) continue;
    figures ??= await dayFigures(deps.db, yesterday, timeZone);
    const composed = summaryMail({ language: to.language, timeZone, consoleUrl: deps.consoleUrl() }, figures);
    if (
      await queue(deps, { kind: 'daily_summary', dedupeKey: `summary:${name}:${today}`, to, person: name, ...composed })
    )
      queued += 1;
  }
  return queued;
}

/** The e-mails of new emergency calls to their site's list: claimed and queued in one transaction, once. */
export async function mailEmergencies(deps: MailDeps): Promise<number> {
  const settings = await deps.settings.get();
  return deps.db.transaction(async (tx) => {
    const claimed = await tx.query<{ id: string; alert_emails: string[] | null }>(
      `UPDATE emergency_calls e SET mails_queued = true
       FROM (SELECT c.id, s.alert_emails FROM emergency_calls c LEFT JOIN desks d ON d.id = c.desk_id
             LEFT JOIN floors f ON f.id = d.floor_id LEFT JOIN sites s ON s.id = f.site_id
             WHERE NOT c.mails_queued ORDER BY c.id LIMIT 20 FOR UPDATE OF c SKIP LOCKED) due
       WHERE e.id = due.id RETURNING e.id::text AS id, due.alert_emails`,
    );
    if (claimed.length === 0) return 0;
    const alerts = await alertsByIds(
      tx,
      deps.pbx,
      claimed.map((row) => row.id),
    );
    const language = settings.notifications.defaultLanguage;
    let queued = 0;
    for (const row of claimed) {
      const alert = alerts.get(row.id);
      if (!alert) continue;
      const composed = emergencyMail(
        { language, timeZone: settings.autoLogout.timeZone, consoleUrl: deps.consoleUrl() },
        alert,
      );
      for (const address of row.alert_emails ?? []) {
        const added = await enqueueMail(
          tx,
          {
            kind: 'emergency',
            dedupeKey: `emergency:${row.id}:${address.toLowerCase()}`,
            to: address,
            person: null,
            language,
            ...composed,
            emergencyCallId: row.id,
          },
          { sending: deps.sending, now: new Date(deps.now()), giveUpAfterMs: GIVE_UP_AFTER_MS.emergency },
        );
        if (added) queued += 1;
      }
    }
    return queued;
  });
}

/** Messages past their keeping time are deleted. */
export function purgeMail(deps: MailDeps): Promise<void> {
  return purgeOutbox(deps.db, new Date(deps.now()), KEEP_DAYS);
}
