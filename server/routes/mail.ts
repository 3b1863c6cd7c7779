import { Hono } from 'hono';
import { mailPreferencesInputSchema, outboxQuerySchema } from '../../contract/mail.ts';
import { parseJson, parseWith } from '../http/request.ts';
import { requireAccess, requireSession, type AppEnv } from '../http/session-middleware.ts';
import type { MailService } from '../mail/mail-service.ts';

/** /api/v1/me/notifications (each person's e-mail choices) and /api/v1/mail/outbox (administrators). */
export function mailRoutes(mail: MailService): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/me/notifications', requireAccess('self.checkin'), async (c) =>
    c.json(await mail.preferences(requireSession(c).user)),
  );
  routes.put('/me/notifications', requireAccess('self.checkin'), async (c) => {
    const input = await parseJson(c, mailPreferencesInputSchema);
    return c.json(await mail.savePreferences(requireSession(c).user, input));
  });
  routes.get('/mail/outbox', requireAccess('admin'), async (c) => {
    const query = parseWith(outboxQuerySchema, c.req.query(), { en: 'Invalid filter.', de: 'Ungültiger Filter.' });
    return c.json(await mail.outbox(query));
  });
  routes.get('/mail/outbox/:id', requireAccess('admin'), async (c) =>
    c.json(await mail.message(requireSession(c).user, c.req.param('id'))),
  );
  routes.post('/mail/outbox/:id/retry', requireAccess('admin'), async (c) =>
    c.json(await mail.retry(requireSession(c).user.name, c.req.param('id'))),
  );
  return routes;
}
