import type { EmergencyAlert } from '../../contract/occupancy.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Queryable } from '../db/db.ts';
import type { Pbx } from '../pbx/pbx.ts';

/**
 * The emergency alerts: each emergency call until a helpdesk or administrator acknowledges it. The alerts come
 * without their e-mails' states, which the mail module adds (`withEmergencyMails`): the occupancy does not read mail.
 */

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
  x: number | null;
  y: number | null;
}

const SELECT = `SELECT e.id::text AS id, e.number, e.at, e.desk_id::text AS desk_id, e.desk_name,
    f.id::text AS floor_id, f.name AS floor_name, s.name AS site_name, s.address, s.emergency_number,
    e.user_guid, e.user_name, e.acknowledged_by, e.acknowledged_at, d.x, d.y
  FROM emergency_calls e LEFT JOIN desks d ON d.id = e.desk_id LEFT JOIN floors f ON f.id = d.floor_id
  LEFT JOIN sites s ON s.id = f.site_id`;

function toAlert(pbx: Pbx, row: AlertRow): EmergencyAlert {
  // The phone that called: the person's (their name and extension) or the desk's base object.
  const phone = pbx.userByGuid(row.user_guid);
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
    position: row.x === null || row.y === null ? null : { x: row.x, y: row.y },
    emails: [],
  };
}

/** The alerts nobody acknowledged yet, newest first. */
export async function openAlerts(db: Queryable, pbx: Pbx): Promise<EmergencyAlert[]> {
  const rows = await db.query<AlertRow>(`${SELECT} WHERE e.acknowledged_at IS NULL ORDER BY e.at DESC LIMIT 50`);
  return rows.map((row) => toAlert(pbx, row));
}

/** Alerts by call id (acknowledged or not), for their e-mails. */
export async function alertsByIds(
  db: Queryable,
  pbx: Pbx,
  ids: readonly string[],
): Promise<Map<string, EmergencyAlert>> {
  const rows = await db.query<AlertRow>(`${SELECT} WHERE e.id = ANY($1::bigint[])`, [ids]);
  return new Map(rows.map((row) => [row.id, toAlert(pbx, row)]));
}

/**
 * Acknowledges an alert, audited; a second acknowledgement (another console at the same moment) changes nothing
 * and is not audited. Answers the alert as it is now, with `changed`; null when there is no such call.
 */
export async function acknowledgeAlert(
  db: Queryable,
  pbx: Pbx,
  id: string,
  actor: string,
): Promise<{ alert: EmergencyAlert; changed: boolean } | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const changed = await db.query(
    `UPDATE emergency_calls SET acknowledged_by = $2, acknowledged_at = now()
     WHERE id = $1::bigint AND acknowledged_at IS NULL RETURNING id`,
    [id, actor],
  );
  const [row] = await db.query<AlertRow>(`${SELECT} WHERE e.id = $1::bigint`, [id]);
  if (!row) return null;
  if (changed.length > 0)
    await recordAudit(db, {
      actor,
      action: 'emergency.acknowledge',
      target: row.desk_name,
      result: 'ok',
      detail: { call: row.id, number: row.number, at: row.at.toISOString() },
    });
  return { alert: toAlert(pbx, row), changed: changed.length > 0 };
}
