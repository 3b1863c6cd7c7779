import { contractRouter } from '../http/contract-route.ts';
import {
  bookingFiguresQuerySchema,
  historyQuerySchema,
  utilisationCsv,
  utilisationQuerySchema,
  type BookingFigures,
} from '../../contract/analytics.ts';
import { bookingFigures } from '../bookings/booking-store.ts';
import { personHistory } from '../analytics/history.ts';
import { utilisation } from '../analytics/utilisation.ts';
import type { Db } from '../db/db.ts';
import { HttpError } from '../http/http-error.ts';
import { parseWith } from '../http/request.ts';
import { requireSession } from '../http/session-middleware.ts';
import type { SettingsStore } from '../settings/settings-service.ts';
import { msg } from '../../i18n/message.ts';

export function analyticsRoutes(deps: { db: Db; settings: SettingsStore }) {
  const { router, serve } = contractRouter();
  const answer = async (query: Record<string, string>) => {
    const parsed = parseWith(utilisationQuerySchema, query, msg('api.shared.invalidRange'));
    const settings = await deps.settings.get();
    return utilisation(deps.db, parsed, settings.autoLogout.timeZone, settings.privacy.aggregateOnly);
  };

  serve('GET /analytics/utilisation', async (c) => c.json(await answer(c.req.query())));

  serve('GET /analytics/utilisation.csv', async (c) => {
    const csv = utilisationCsv(await answer(c.req.query()));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="utilisation.csv"');
    return c.body(csv);
  });

  serve('GET /analytics/bookings', async (c) => {
    const query = parseWith(bookingFiguresQuerySchema, c.req.query(), msg('api.shared.invalidRange'));
    const settings = await deps.settings.get();
    const counts = await bookingFigures(deps.db, query, settings.autoLogout.timeZone);
    const settled = counts.confirmed + counts.released;
    const body: BookingFigures = {
      made: counts.booked + counts.confirmed + counts.released + counts.cancelled,
      ...counts,
      noShowRate: settled === 0 ? null : Math.round((counts.released / settled) * 1000) / 10,
    };
    return c.json(body);
  });

  serve('GET /analytics/history', async (c) => {
    const { user } = parseWith(historyQuerySchema, c.req.query(), msg('api.analytics.nameUser'));
    if ((await deps.settings.get()).privacy.aggregateOnly) {
      throw new HttpError(409, 'aggregate_only', msg('api.analytics.aggregateOnlyModeOne'));
    }
    return c.json(await personHistory(deps.db, requireSession(c).user.name, user));
  });

  return router;
}
