import { csvCell } from './csv-cells.ts';
import { z } from './zod.ts';
import { messageText } from '../i18n/message.ts';

/** How the office is used, from the check-in sessions: utilisation per site, floor, zone or desk over time. */

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, messageText('contract.analytics.date20261102'));

export const utilisationGroupSchema = z.enum(['site', 'floor', 'zone', 'desk']);
export const utilisationIntervalSchema = z.enum(['hour', 'day', 'week']);
export type UtilisationGroupBy = z.infer<typeof utilisationGroupSchema>;
export type UtilisationInterval = z.infer<typeof utilisationIntervalSchema>;

/** The longest range per interval, so that an answer stays a table a person can read (and a chart can draw). */
export const MAX_RANGE_DAYS: Record<UtilisationInterval, number> = { hour: 31, day: 366, week: 3 * 366 };

/** GET /api/v1/analytics/utilisation: `from` and `to` are days in the office's time zone, both included. */
export const utilisationQuerySchema = z
  .object({
    from: localDate,
    to: localDate,
    groupBy: utilisationGroupSchema.default('floor'),
    interval: utilisationIntervalSchema.default('day'),
    /** Only the desks of this floor. */
    floorId: z.string().uuid(messageText('contract.bookings.unknownFloor')).optional(),
  })
  .superRefine((query, context) => {
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 + 1;
    if (!(days >= 1))
      context.addIssue({
        code: 'custom',
        message: messageText('contract.bookings.rangeEndsBeforeStarts'),
        path: ['to'],
      });
    else if (days > MAX_RANGE_DAYS[query.interval]) {
      context.addIssue({
        code: 'custom',
        message: messageText('contract.analytics.rangeTooLong', {
          interval: query.interval,
          days: MAX_RANGE_DAYS[query.interval],
        }),
        path: ['to'],
      });
    }
  });
export type UtilisationQuery = z.input<typeof utilisationQuerySchema>;

export const utilisationRowSchema = z.object({
  groupId: z.string(),
  groupName: z.string(),
  /** The interval's start and end (exclusive), as instants; a day with a clock change has 23 or 25 hours. */
  start: z.string(),
  end: z.string(),
  /** The desks in the group (as the desk table has them now). */
  desks: z.number().int(),
  /** Desk-hours somebody was checked in, summed over the group's desks; null where suppressed. */
  occupiedHours: z.number().nullable(),
  /** The most desks of the group occupied at the same moment; null where suppressed. */
  peakOccupied: z.number().int().nullable(),
  /**
   * The desk-hours the office was open in the interval (its site's office hours, each desk from its creation on,
   * the current day up to now). An hour's row: its desks when the office is open in that hour, else 0.
   */
  officeHours: z.number(),
  /** Of the occupied desk-hours, those outside office hours; null where suppressed. */
  outsideHours: z.number().nullable(),
  /**
   * In percent. A day or week: occupied desk-hours inside office hours per office desk-hour (null when the office
   * was closed throughout). An hour: occupied desk-hours per desk, whether the office was open or not. Null where
   * suppressed.
   */
  utilisation: z.number().nullable(),
  /** A desk's row (grouped by desk): when the desk was created, so that a new desk does not read as never used. */
  createdAt: z.string().nullable(),
  /** Fewer than 5 people used the group in the interval: aggregate-only mode hides the numbers. */
  suppressed: z.boolean(),
});
export type UtilisationRow = z.infer<typeof utilisationRowSchema>;

export const utilisationResponseSchema = z.object({
  timeZone: z.string(),
  aggregateOnly: z.boolean(),
  rows: z.array(utilisationRowSchema),
});
export type UtilisationResponse = z.infer<typeof utilisationResponseSchema>;

/** In aggregate-only mode a group-interval with fewer people than this shows no numbers. */
export const MIN_GROUP_PEOPLE = 5;

/**
 * The audit events that record where one person sat and when (check-ins and check-outs): part of the check-in
 * history, deleted with the sessions after the retention period. Aggregate-only mode leaves the successful ones
 * out of the audit log when the person made them or the PBX or the service did; refused attempts (security) and
 * a staff member's check-in of someone else stay, they are about the one who acted.
 */
export const CHECKIN_HISTORY_ACTIONS = [
  'occupancy.checkin',
  'occupancy.checkout',
  'occupancy.keypad_login',
  'occupancy.keypad_logout',
  'occupancy.pbx_change',
  'booking.create',
  'booking.change',
  'booking.cancel',
  'booking.confirm',
  'booking.release',
] as const;

/**
 * The person behind an audit actor: a check-in by a logon script's token or on the phone's keypad is written as
 * "user140 (token)" or "user140 (keypad)". server/audit/audit.ts applies the same pattern in SQL.
 */
export const ACTOR_VIA_PATTERN = ' \\((token|keypad)\\)$';
export const personOfActor = (actor: string): string => actor.replace(new RegExp(ACTOR_VIA_PATTERN), '');

/** Whether aggregate-only mode leaves an audit event out of the log (see CHECKIN_HISTORY_ACTIONS). */
export function isPersonalCheckinEvent(event: {
  action: string;
  actor: string;
  result: string;
  detail: Record<string, unknown>;
}): boolean {
  const actions: readonly string[] = CHECKIN_HISTORY_ACTIONS;
  const user = typeof event.detail.user === 'string' ? event.detail.user : event.actor;
  return (
    actions.includes(event.action) &&
    event.result === 'ok' &&
    (event.actor === 'pbx' || event.actor === 'service' || user === personOfActor(event.actor))
  );
}

/**
 * What helpdesk sees of the audit log (server/audit/audit.ts says the same in SQL): what staff did to other people's
 * desks, a logout or a check-in on someone's behalf (method `console`), never what the PBX or the service did.
 */
export function isHelpdeskWork(event: { action: string; actor: string; detail: Record<string, unknown> }): boolean {
  if (event.actor === 'pbx' || event.actor === 'service') return false;
  return (
    event.action === 'occupancy.force_logout' ||
    (event.action === 'occupancy.checkin' && event.detail.method === 'console')
  );
}

/** The daily utilisation figures (no names) are kept this long, past the sessions' own retention. */
export const AGGREGATE_KEEP_DAYS = 731;

/** GET /api/v1/analytics/history: whose sessions. */
export const historyQuerySchema = z.object({ user: z.string().trim().min(1).max(128) });

/** GET /api/v1/analytics/history?user=: one person's sessions (admins; only without aggregate-only). */
export const historyResponseSchema = z.object({
  user: z.string(),
  sessions: z.array(
    z.object({
      deskName: z.string(),
      since: z.string(),
      endedAt: z.string().nullable(),
      method: z.string(),
      endReason: z.string().nullable(),
    }),
  ),
});
export type HistoryResponse = z.infer<typeof historyResponseSchema>;

const CSV_COLUMNS = [
  'group',
  'start',
  'end',
  'desks',
  'occupied_hours',
  'office_hours',
  'outside_hours',
  'peak_occupied',
  'utilisation_percent',
  'suppressed',
];

/** Utilisation as CSV: the same rows, aggregates only (suppressed cells stay empty). */
export function utilisationCsv(answer: UtilisationResponse): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of answer.rows) {
    lines.push(
      [
        row.groupName,
        row.start,
        row.end,
        String(row.desks),
        row.occupiedHours === null ? '' : String(row.occupiedHours),
        String(row.officeHours),
        row.outsideHours === null ? '' : String(row.outsideHours),
        row.peakOccupied === null ? '' : String(row.peakOccupied),
        row.utilisation === null ? '' : String(row.utilisation),
        row.suppressed ? 'true' : 'false',
      ]
        .map((cell) => csvCell(cell))
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** GET /api/v1/analytics/bookings: the bookings starting in `from`…`to` (days in the office's time zone). */
export const bookingFiguresQuerySchema = z
  .object({
    from: localDate,
    to: localDate,
    floorId: z.string().uuid(messageText('contract.bookings.unknownFloor')).optional(),
  })
  .refine((query) => Date.parse(query.to) >= Date.parse(query.from), {
    message: messageText('contract.bookings.rangeEndsBeforeStarts'),
    path: ['to'],
  });

export const bookingFiguresSchema = z.object({
  /** Bookings made for the range (every state). */
  made: z.number().int(),
  confirmed: z.number().int(),
  /** Nobody checked in within the window: the desk was released. */
  released: z.number().int(),
  cancelled: z.number().int(),
  /** Waiting for their person still. */
  booked: z.number().int(),
  /** Released of those settled (confirmed or released), in percent; null when none was. */
  noShowRate: z.number().nullable(),
});
export type BookingFigures = z.infer<typeof bookingFiguresSchema>;
