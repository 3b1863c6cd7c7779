import { contractRouter } from '../http/contract-route.ts';
import { allows } from '../../contract/access.ts';
import { auditQuerySchema, withNames, type AuditListResponse } from '../../contract/api.ts';
import { foldForSearch } from '../../contract/search.ts';
import { listAudit } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { parseWith } from '../http/request.ts';
import { requireSession } from '../http/session-middleware.ts';
import type { Pbx } from '../pbx/pbx.ts';
import type { SettingsStore } from '../settings/settings-service.ts';
import { msg } from '../../i18n/message.ts';

/**
 * /api/v1/audit: the whole log for administrators; for helpdesk what staff did to others' desks. Works-council
 * mode leaves out one person's check-in history.
 */
export function auditRoutes({ db, pbx, settings }: { db: Db; pbx: Pbx; settings: SettingsStore }) {
  const { router, serve } = contractRouter();
  serve('GET /audit', async (c) => {
    const query = parseWith(auditQuerySchema, c.req.query(), msg('api.audit.invalidPagingFilterParameters'));
    // "Who" matches the user name in the log and the display name it is shown with (the PBX's, now).
    const wanted = query.actor === undefined ? null : foldForSearch(query.actor);
    const alsoActors =
      wanted === null
        ? []
        : pbx
            .listUsers()
            .filter((user) => foldForSearch(user.displayName).includes(wanted))
            .slice(0, 500)
            .map((user) => user.name);
    const scope = allows(requireSession(c).user.roles, 'admin') ? 'all' : 'helpdesk';
    const page = await listAudit(db, { ...query, alsoActors }, (await settings.get()).privacy.aggregateOnly, scope);
    // People by the names the PBX knows them by now; system actors (pbx, service, admin-local) keep theirs.
    const names = new Map(pbx.listUsers().map((user) => [user.name.toLowerCase(), user.displayName]));
    const body: AuditListResponse = {
      events: page.events.map((event) => withNames(event, (user) => names.get(user.toLowerCase()) ?? null)),
      nextCursor: page.nextCursor,
    };
    return c.json(body);
  });
  return router;
}
