import { http, HttpResponse } from 'msw';
import {
  asAdministratorsSee,
  mailPreferencesInputSchema,
  outboxQuerySchema,
  type MailPreferences,
  type MailPreferencesInput,
  type OutboxMessageDetail,
} from '../../contract/mail.ts';
import type { MockOccupancyState } from './checkin.ts';
import { fail, parseBody, publish, recordAudit, said } from './kit.ts';
import { mockAccess, type MockApiState } from './session.ts';

/** A message as the outbox keeps it (what administrators may read of it is decided when they ask). */
type StoredMessage = Omit<OutboxMessageDetail, 'withheld'>;

/** The mock's mail: each person's choices and the outbox (no mail server: every message is kept). */
export interface MockMailState {
  preferences: Map<string, MailPreferencesInput>;
  outbox: StoredMessage[];
}

export const createMockMailState = (): MockMailState => ({ preferences: new Map(), outbox: [] });

const DEFAULTS: MailPreferencesInput = {
  address: null,
  language: null,
  bookings: true,
  reminders: true,
  releases: true,
  dailySummary: false,
};

/** The demo's outbox: what the service would have sent this morning (it has no mail server). */
export function demoOutbox(now: number, desk: string): StoredMessage[] {
  const at = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
  const message = (
    id: string,
    minutes: number,
    kind: OutboxMessageDetail['kind'],
    to: string,
    subject: string,
    text: string,
  ): StoredMessage => ({
    id,
    kind,
    to,
    person: to.endsWith('@demo.example') && !to.startsWith('security') ? (to.split('@')[0] ?? null) : null,
    language: 'de',
    subject,
    state: 'held',
    attempts: 0,
    lastError: null,
    createdAt: at(minutes),
    sentAt: null,
    nextAttemptAt: null,
    text,
    attachments: kind === 'booking_made' ? ['booking.ics'] : [],
  });
  return [
    message(
      '3',
      20,
      'booking_reminder',
      'user004@demo.example',
      `Erinnerung: Arbeitsplatz ${desk}`,
      `Hallo,\n\nSie haben Arbeitsplatz ${desk} gebucht. Checken Sie in der Zeit ein, sonst wird die Buchung freigegeben.`,
    ),
    message(
      '2',
      90,
      'logged_out',
      'user007@demo.example',
      `Sie wurden von Arbeitsplatz ${desk} abgemeldet`,
      `Hallo,\n\nJonas Becker hat Sie von Arbeitsplatz ${desk} abgemeldet.\n\nGrund: Der Arbeitsplatz wird umgebaut.`,
    ),
    message(
      '1',
      240,
      'booking_made',
      'user004@demo.example',
      `Arbeitsplatz ${desk} gebucht`,
      `Hallo,\n\nArbeitsplatz ${desk} ist für Sie gebucht.`,
    ),
  ];
}

/** /me/notifications (employees) and /mail/outbox (administrators) over the mock's state. */
export function mailHandlers(state: MockApiState, occupancy: MockOccupancyState, mail: MockMailState, baseUrl: string) {
  const api = (path: string) => `${baseUrl}/api/v1${path}`;
  const seen = <Message extends Parameters<typeof asAdministratorsSee>[0]>(message: Message) =>
    asAdministratorsSee(message, occupancy.settings.privacy.aggregateOnly);
  const view = (name: string, roles: readonly string[]): MailPreferences => {
    const stored = mail.preferences.get(name.toLowerCase()) ?? DEFAULTS;
    const pbxAddress = `${name}@demo.example`;
    return {
      ...stored,
      pbxAddress,
      effectiveAddress: stored.address ?? pbxAddress,
      effectiveLanguage: stored.language ?? occupancy.settings.notifications.defaultLanguage,
      dailySummaryOffered: roles.includes('facility') || roles.includes('admin'),
      sending: false,
    };
  };
  return [
    http.get(api('/me/notifications'), ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'self.checkin');
      if (refused) return refused;
      return HttpResponse.json(view(session.user.name, session.user.roles));
    }),
    http.put(api('/me/notifications'), async ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'self.checkin');
      if (refused) return refused;
      const input = await parseBody(request, mailPreferencesInputSchema);
      if (input instanceof Response) return input;
      const offered = session.user.roles.includes('facility') || session.user.roles.includes('admin');
      mail.preferences.set(session.user.name.toLowerCase(), { ...input, dailySummary: offered && input.dailySummary });
      recordAudit(state, session.user.name, 'mail.preferences', 'ok', {}, session.user.name);
      return HttpResponse.json(view(session.user.name, session.user.roles));
    }),
    http.get(api('/mail/outbox'), ({ request, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'admin');
      if (refused) return refused;
      const query = outboxQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
      if (!query.success) return fail(400, 'bad_request', said('api.shared.invalidFilter'));
      const messages = mail.outbox
        .filter((message) => query.data.state === undefined || message.state === query.data.state)
        .filter((message) => query.data.before === undefined || Number(message.id) < Number(query.data.before))
        .map(({ text: _text, attachments: _attachments, ...message }) => seen(message));
      return HttpResponse.json({
        transport: 'none',
        failedRecently: mail.outbox.filter((message) => message.state === 'failed').length,
        messages,
        nextBefore: null,
      });
    }),
    http.get(api('/mail/outbox/:id'), ({ request, params, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'admin');
      if (refused) return refused;
      const message = mail.outbox.find((candidate) => candidate.id === params.id);
      return message ? HttpResponse.json(seen(message)) : fail(404, 'not_found', said('api.mail.thereSuchMessageAny'));
    }),
    http.post(api('/mail/outbox/:id/retry'), ({ request, params, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'admin');
      if (refused) return refused;
      const message = mail.outbox.find((candidate) => candidate.id === params.id);
      if (!message) return fail(404, 'not_found', said('api.mail.thereSuchMessageAny'));
      if (message.state !== 'failed') return fail(409, 'mail_not_failed', said('api.mail.onlyMessageGivenUp'));
      Object.assign(message, { state: 'queued', nextAttemptAt: new Date().toISOString() });
      recordAudit(state, session.user.name, 'mail.retry', 'ok', { id: message.id }, message.to);
      publish(state, { type: 'mail' });
      return HttpResponse.json(seen(message));
    }),
  ];
}
