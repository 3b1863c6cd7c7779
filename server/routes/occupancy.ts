import { contractRouter } from '../http/contract-route.ts';
import { forceLogoutRequestSchema, onBehalfCheckinRequestSchema, peopleQuerySchema } from '../../contract/occupancy.ts';
import type { DeskOccupancyService } from '../occupancy/desk-occupancy.ts';
import { parseJson, parseWith } from '../http/request.ts';
import { requireSession } from '../http/session-middleware.ts';
import { pickLocale } from '../lib/text.ts';
import { msg } from '../../i18n/message.ts';

export function occupancyRoutes(occupancy: DeskOccupancyService) {
  const { router, serve } = contractRouter();
  serve('GET /occupancy', async (c) => c.json(await occupancy.list()));
  serve('POST /occupancy/logout', async (c) => {
    const { deskIds, evenDuringCall, note } = await parseJson(c, forceLogoutRequestSchema);
    return c.json(
      await occupancy.forceLogout(requireSession(c).user.name, deskIds, {
        evenDuringCall: evenDuringCall === true,
        ...(note ? { note } : {}),
        locale: pickLocale(c.req.header('accept-language')),
      }),
    );
  });
  serve('GET /occupancy/emergency-notices', async (c) => c.json({ notices: await occupancy.notices.list() }));
  serve('POST /occupancy/emergency-notices/:id/retry', async (c) =>
    c.json(await occupancy.notices.retry(requireSession(c).user.name, c.req.param('id'))),
  );
  serve('POST /occupancy/checkin', async (c) => {
    const { deskId, user } = await parseJson(c, onBehalfCheckinRequestSchema);
    return c.json(await occupancy.checkinOnBehalf(requireSession(c).user.name, deskId, user));
  });
  return router;
}

/** GET /api/v1/people?q=: the person picker of "Check someone in". */
export function peopleRoutes(occupancy: DeskOccupancyService) {
  const { router, serve } = contractRouter();
  serve('GET /people', (c) => {
    const { q } = parseWith(peopleQuerySchema, c.req.query(), msg('api.shared.invalidSearch'));
    return c.json({ people: occupancy.findPeople(q) });
  });
  return router;
}
