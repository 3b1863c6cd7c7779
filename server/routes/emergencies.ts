import { Hono } from 'hono';
import type { EmergencyAlert } from '../../contract/occupancy.ts';
import { recordAudit } from '../audit.ts';
import type { Db } from '../db/db.ts';
import type { EventBus } from '../events.ts';
import { HttpError } from '../http/http-error.ts';
import { requireAccess, requireSession, type AppEnv } from '../http/session-middleware.ts';
import type { Pbx } from '../pbx/pbx.ts';

interface AlertRow {
  id: string;
  number: string;
  at: Date;
  desk_id: string | null;
  desk_name: string;
  floor_id: string | null;
  floor_name: string | null;
  site_name: string | null;
  address: string | null;
  emergency_number: string | null;
  user_guid: string;
  user_name: string | null;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
}

/**
 * /api/v1/emergencies: the alert of each emergency call, on every helpdesk and administrator console (and every
 * instance) until one of them acknowledges it; acknowledging is audited. Emergencies override works-council mode:
 * who called is shown.
 */
export function emergencyRoutes(deps: { db: Db; pbx: Pbx; events: EventBus }): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const toAlert = (row: AlertRow): EmergencyAlert => {
    // The phone that called: the person's (their name and extension) or the desk's base object.
    const phone = deps.pbx.userByGuid(row.user_guid);
    return {
      id: row.id,
      number: row.number,
      at: row.at.toISOString(),
      deskId: row.desk_id,
      deskName: row.desk_name,
      floorId: row.floor_id,
      floorName: row.floor_name,
      siteName: row.site_name,
      address: row.address === '' ? null : row.address,
      caller: row.user_name === null ? null : { name: phone?.name ?? '', displayName: row.user_name },
      callback: phone?.e164 || row.emergency_number,
      acknowledgedBy: row.acknowledged_by,
      acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    };
  };
  const SELECT = `SELECT e.id::text AS id, e.number, e.at, e.desk_id::text AS desk_id, e.desk_name,
      f.id::text AS floor_id, f.name AS floor_name, s.name AS site_name, s.address, s.emergency_number,
      e.user_guid, e.user_name, e.acknowledged_by, e.acknowledged_at
    FROM emergency_calls e LEFT JOIN desks d ON d.id = e.desk_id LEFT JOIN floors f ON f.id = d.floor_id
    LEFT JOIN sites s ON s.id = f.site_id`;

  routes.get('/', requireAccess('people.logout'), async (c) => {
    const rows = await deps.db.query<AlertRow>(`${SELECT} WHERE e.acknowledged_at IS NULL ORDER BY e.at DESC LIMIT 50`);
    return c.json({ alerts: rows.map(toAlert) });
  });

  routes.post('/:id/acknowledge', requireAccess('people.logout'), async (c) => {
    const id = c.req.param('id');
    const actor = requireSession(c).user.name;
    const valid = /^\d{1,18}$/.test(id);
    // Acknowledged once: a second click (another console at the same moment) changes nothing and is not audited.
    const changed = valid
      ? await deps.db.query(
          `UPDATE emergency_calls SET acknowledged_by = $2, acknowledged_at = now()
           WHERE id = $1::bigint AND acknowledged_at IS NULL RETURNING id`,
          [id, actor],
        )
      : [];
    const [row] = valid ? await deps.db.query<AlertRow>(`${SELECT} WHERE e.id = $1::bigint`, [id]) : [];
    if (!row)
      throw new HttpError(404, 'not_found', {
        en: 'There is no such emergency call.',
        de: 'Diesen Notruf gibt es nicht.',
      });
    if (changed.length === 0) return c.json(toAlert(row));
    await recordAudit(deps.db, {
      actor,
      action: 'emergency.acknowledge',
      target: row.desk_name,
      result: 'ok',
      detail: { call: row.id, number: row.number, at: row.at.toISOString() },
    });
    deps.events.publish({ type: 'emergency' });
    return c.json(toAlert(row));
  });
  return routes;
}
