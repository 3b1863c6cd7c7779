import { contractRouter } from '../http/contract-route.ts';
import { mailPreferencesInputSchema, outboxQuerySchema } from '../../contract/mail.ts';
import { parseJson, parseWith } from '../http/request.ts';
import { requireSession } from '../http/session-middleware.ts';
import type { MailService } from '../mail/mail-service.ts';
import { msg } from '../../i18n/message.ts';

/** /api/v1/me/notifications (each person's e-mail choices) and /api/v1/mail/outbox (administrators). */
export function mailRoutes(mail: MailService) {
  const { router, serve } = contractRouter();
  serve('GET /me/notifications', async (c) => c.json(await mail.preferences(requireSession(c).user)));
  serve('PUT /me/notifications', async (c) => {
    const input = await parseJson(c, mailPreferencesInputSchema);
    return c.json(await mail.savePreferences(requireSession(c).user, input));
  });
  serve('GET /mail/outbox', async (c) => {
    const query = parseWith(outboxQuerySchema, c.req.query(), msg('api.shared.invalidFilter'));
    return c.json(await mail.outbox(query));
  });
  serve('GET /mail/outbox/:id', async (c) => c.json(await mail.message(requireSession(c).user, c.req.param('id'))));
  serve('POST /mail/outbox/:id/retry', async (c) =>
    c.json(await mail.retry(requireSession(c).user.name, c.req.param('id'))),
  );
  return router;
}
