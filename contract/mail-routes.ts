import type { ApiRoute } from './api-route.ts';
import {
  mailPreferencesInputSchema,
  mailPreferencesSchema,
  outboxMessageDetailSchema,
  outboxQuerySchema,
  outboxResponseSchema,
} from './mail.ts';

/** E-mail's endpoints (server/routes/mail.ts), for the OpenAPI document and the route tests. */
export const MAIL_ROUTES = [
  {
    method: 'GET',
    path: '/me/notifications',
    summary:
      'Which e-mails one gets, where to and in which language (the PBX user object’s address unless one sets one’s own)',
    access: 'self.checkin',
    response: mailPreferencesSchema,
  },
  {
    method: 'PUT',
    path: '/me/notifications',
    summary:
      'Choose one’s e-mails (those about safety, an emergency or a helpdesk logout, always go), address and language',
    access: 'self.checkin',
    body: mailPreferencesInputSchema,
    response: mailPreferencesSchema,
    example: {
      address: null,
      language: 'de',
      bookings: true,
      reminders: true,
      releases: true,
      dailySummary: false,
    },
  },
  {
    method: 'GET',
    path: '/mail/outbox',
    summary:
      'The mail outbox, newest first: what was sent, is being retried, was given up on, or is kept because no mail server is configured (SMTP_URL)',
    access: 'admin',
    query: outboxQuerySchema,
    response: outboxResponseSchema,
  },
  {
    method: 'GET',
    path: '/mail/outbox/:id',
    summary: 'One message of the outbox, as written (plain text)',
    access: 'admin',
    response: outboxMessageDetailSchema,
    errors: [404],
  },
  {
    method: 'POST',
    path: '/mail/outbox/:id/retry',
    summary: 'Send a message that was given up on again (after the mail server was fixed); audited',
    access: 'admin',
    response: outboxMessageDetailSchema,
    errors: [404, 409],
  },
] as const satisfies readonly ApiRoute[];
