import { z } from './zod.ts';
import { messageText } from '../i18n/message.ts';

/** E-mail: what each person wants sent, and the outbox administrators read (server/mail/). */

export const mailLanguageSchema = z.enum(['en', 'de']);
export type MailLanguage = z.infer<typeof mailLanguageSchema>;

/** An address as a mail server takes it; no display names, no lists. */
export const emailAddressSchema = z
  .string()
  .trim()
  .max(254, messageText('contract.shared.atMostCharacters', { max: 254 }))
  .regex(/^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/, messageText('contract.mail.address'));

/** The messages one can turn off; those about safety (an emergency, a helpdesk logout) always go. */
export const mailTopicsSchema = z.object({
  /** Booking made, changed or cancelled (with the calendar entry). */
  bookings: z.boolean(),
  /** Before the check-in window of a booking opens. */
  reminders: z.boolean(),
  /** The booking was released because nobody confirmed it. */
  releases: z.boolean(),
  /** Yesterday's figures, each morning (facility and administrators only). */
  dailySummary: z.boolean(),
});

/** PUT /api/v1/me/notifications */
export const mailPreferencesInputSchema = mailTopicsSchema.extend({
  /** One's own address instead of the PBX's; null: the PBX's. */
  address: emailAddressSchema.nullable(),
  /** null: the organisation's default language. */
  language: mailLanguageSchema.nullable(),
});
export type MailPreferencesInput = z.infer<typeof mailPreferencesInputSchema>;

/** GET /api/v1/me/notifications */
export const mailPreferencesSchema = mailPreferencesInputSchema.extend({
  /** The address the PBX has for the person (its user object); null: none. */
  pbxAddress: z.string().nullable(),
  /** Where mail goes now; null: nowhere (no address), so nothing is sent. */
  effectiveAddress: z.string().nullable(),
  effectiveLanguage: mailLanguageSchema,
  /** Whether the daily summary can be chosen (facility and administrators). */
  dailySummaryOffered: z.boolean(),
  /** Whether the service sends mail at all (SMTP_URL); without, messages are kept in the outbox. */
  sending: z.boolean(),
});
export type MailPreferences = z.infer<typeof mailPreferencesSchema>;

export const mailKindSchema = z.enum([
  'booking_made',
  'booking_changed',
  'booking_cancelled',
  'booking_reminder',
  'booking_released',
  'logged_out',
  'daily_summary',
  'emergency',
]);
export type MailKind = z.infer<typeof mailKindSchema>;

/** `held`: kept, not sent (no mail server configured); `failed`: given up on after retries. */
export const mailStateSchema = z.enum(['queued', 'sent', 'failed', 'held']);
export type MailState = z.infer<typeof mailStateSchema>;

export const outboxMessageSchema = z.object({
  id: z.string(),
  kind: mailKindSchema,
  to: z.string(),
  /** The PBX user it is for; null: a site's alert list. */
  person: z.string().nullable(),
  language: mailLanguageSchema,
  subject: z.string(),
  state: mailStateSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  /**
   * A booking message in aggregate-only (works-council) mode: its subject and text are not shown (empty), since
   * they say who booked which desk when; to whom, its state and its errors are.
   */
  withheld: z.boolean(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

/** The messages about one person's bookings: what aggregate-only mode keeps from administrators in the outbox. */
export const PERSONAL_MAIL_KINDS: readonly MailKind[] = [
  'booking_made',
  'booking_changed',
  'booking_cancelled',
  'booking_reminder',
  'booking_released',
];

/** The message as administrators may read it: a booking message's subject and text withheld in aggregate-only mode. */
export function asAdministratorsSee<
  Message extends { kind: MailKind; subject: string; text?: string; attachments?: string[] },
>(message: Message, aggregateOnly: boolean): Message & { withheld: boolean } {
  if (!aggregateOnly || !PERSONAL_MAIL_KINDS.includes(message.kind)) return { ...message, withheld: false };
  return {
    ...message,
    subject: '',
    ...(message.text === undefined ? {} : { text: '' }),
    ...(message.attachments === undefined ? {} : { attachments: [] }),
    withheld: true,
  };
}

/** GET /api/v1/mail/outbox/:id: the message as written (plain text; the HTML part says the same). */
export const outboxMessageDetailSchema = outboxMessageSchema.extend({
  text: z.string(),
  attachments: z.array(z.string()),
});
export type OutboxMessageDetail = z.infer<typeof outboxMessageDetailSchema>;

export const outboxQuerySchema = z.object({
  state: mailStateSchema.optional(),
  /** The id of the last message of the previous page. */
  before: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
});
export type OutboxQuery = z.infer<typeof outboxQuerySchema>;

/** GET /api/v1/mail/outbox */
export const outboxResponseSchema = z.object({
  /** `smtp`: messages are sent; `none`: kept here only (SMTP_URL not set). */
  transport: z.enum(['smtp', 'none']),
  /** Messages given up on in the last 7 days. */
  failedRecently: z.number().int(),
  messages: z.array(outboxMessageSchema),
  nextBefore: z.string().nullable(),
});
export type OutboxResponse = z.infer<typeof outboxResponseSchema>;
