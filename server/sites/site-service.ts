import type { z } from 'zod';
import type { DesksWithoutLocation, Site, siteInputSchema, sitePatchSchema } from '../../contract/sites.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Db, Queryable } from '../db/db.ts';
import { nameTaken } from '../db/names.ts';
import { isUuid } from '../../contract/ids.ts';
import { DomainError } from '../lib/domain-error.ts';
import type { EventBus } from '../lib/events.ts';
import { PbxMoveError, type Pbx } from '../pbx/pbx.ts';
import { msg } from '../../i18n/message.ts';

export interface SiteDeps {
  db: Db;
  events: EventBus;
  pbx: Pbx;
}

interface SiteRow {
  id: string;
  name: string;
  address: string;
  pbx_location: string | null;
  emergency_number: string | null;
  office_start: number;
  office_end: number;
  office_days: number[];
  alert_emails: string[];
  version: number;
}

const COLUMNS =
  'id::text AS id, name, address, pbx_location, emergency_number, office_start, office_end, office_days, alert_emails, version';

const toSite = (row: SiteRow): Site => ({
  id: row.id,
  name: row.name,
  address: row.address,
  pbxLocation: row.pbx_location,
  emergencyNumber: row.emergency_number,
  officeHours: { start: row.office_start, end: row.office_end, days: row.office_days },
  alertEmails: row.alert_emails,
  version: row.version,
});

export async function listSites(db: Queryable): Promise<Site[]> {
  return (await db.query<SiteRow>(`SELECT ${COLUMNS} FROM sites ORDER BY lower(name)`)).map(toSite);
}

export async function getSite(db: Queryable, id: string): Promise<Site | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<SiteRow>(`SELECT ${COLUMNS} FROM sites WHERE id = $1::uuid`, [id]);
  return row ? toSite(row) : null;
}

/** The PBX's locations; the site form offers these and only these. */
export async function pbxLocations(pbx: Pbx): Promise<string[]> {
  try {
    return await pbx.locations();
  } catch (error) {
    const message = error instanceof PbxMoveError ? error.message : 'The PBX did not answer.';
    throw new DomainError('semantic', 'pbx_unavailable', msg('api.siteService.pbxSLocationsCannot', { message }));
  }
}

/** A floor's site must exist (a floor without one: null). */
export async function assertSiteExists(db: Queryable, siteId: string | null): Promise<void> {
  if (siteId === null) return;
  const [row] = await db.query('SELECT 1 FROM sites WHERE id = $1::uuid', [siteId]);
  if (!row) {
    throw new DomainError('invalid', 'bad_request', msg('api.siteService.siteDoesExistAny'), {
      siteId: msg('api.siteService.chooseSiteList'),
    });
  }
}

async function assertLocationKnown(pbx: Pbx, location: string | null): Promise<void> {
  if (location === null) return;
  const known = await pbxLocations(pbx);
  if (!known.includes(location)) {
    throw new DomainError('invalid', 'bad_request', msg('api.siteService.pbxLocation', { location }), {
      pbxLocation:
        known.length > 0
          ? msg('api.siteService.notALocation', { known: known.join(', ') })
          : msg('api.siteService.noLocations'),
    });
  }
}

/** A site's stored columns in the order the INSERT and the UPDATE name them ($2… after the id in an UPDATE). */
const siteColumns = (site: z.output<typeof siteInputSchema>) => [
  site.name,
  site.address,
  site.pbxLocation,
  site.emergencyNumber,
  site.officeHours.start,
  site.officeHours.end,
  site.officeHours.days,
  site.alertEmails,
];

async function assertNameFree(db: Queryable, name: string, excludeId: string | null): Promise<void> {
  if (await nameTaken(db, 'sites', name, excludeId)) {
    throw new DomainError('conflict', 'site_name_taken', msg('api.siteService.thereAlreadySite', { name }), {
      name: msg('api.siteService.siteNameAlreadyUsed'),
    });
  }
}

export async function createSite(
  deps: SiteDeps,
  actor: string,
  input: z.output<typeof siteInputSchema>,
): Promise<Site> {
  await assertLocationKnown(deps.pbx, input.pbxLocation);
  const site = await deps.db.transaction(async (tx) => {
    await assertNameFree(tx, input.name, null);
    const [row] = await tx.query<SiteRow>(
      `INSERT INTO sites (name, address, pbx_location, emergency_number, office_start, office_end, office_days,
         alert_emails)
       VALUES ($1, $2, $3, $4, $5, $6, $7::smallint[], $8::text[]) RETURNING ${COLUMNS}`,
      siteColumns(input),
    );
    if (!row) throw new Error('site insert returned nothing');
    const created = toSite(row);
    await recordAudit(tx, {
      actor,
      action: 'site.create',
      target: created.name,
      result: 'ok',
      detail: { after: created },
    });
    return created;
  });
  deps.events.publish({ type: 'sites', ids: [site.id] });
  return site;
}

export async function updateSite(
  deps: SiteDeps,
  actor: string,
  id: string,
  expectedVersion: number,
  patch: z.output<typeof sitePatchSchema>,
): Promise<Site> {
  if (patch.pbxLocation !== undefined) await assertLocationKnown(deps.pbx, patch.pbxLocation);
  const site = await deps.db.transaction(async (tx) => {
    const before = await lockSite(tx, id, expectedVersion);
    const next = {
      name: patch.name ?? before.name,
      address: patch.address ?? before.address,
      pbxLocation: patch.pbxLocation === undefined ? before.pbxLocation : patch.pbxLocation,
      emergencyNumber: patch.emergencyNumber === undefined ? before.emergencyNumber : patch.emergencyNumber,
      officeHours: patch.officeHours ?? before.officeHours,
      alertEmails: patch.alertEmails ?? before.alertEmails,
    };
    await assertNameFree(tx, next.name, id);
    const [row] = await tx.query<SiteRow>(
      `UPDATE sites SET name = $2, address = $3, pbx_location = $4, emergency_number = $5, office_start = $6,
       office_end = $7, office_days = $8::smallint[], alert_emails = $9::text[], version = version + 1,
       updated_at = now()
       WHERE id = $1::uuid RETURNING ${COLUMNS}`,
      [id, ...siteColumns(next)],
    );
    if (!row) throw new Error('site update returned nothing');
    const after = toSite(row);
    await recordAudit(tx, {
      actor,
      action: 'site.update',
      target: after.name,
      result: 'ok',
      detail: { before, after },
    });
    return after;
  });
  deps.events.publish({ type: 'sites', ids: [site.id] });
  return site;
}

/** Its floors stay, without a site. */
export async function deleteSite(deps: SiteDeps, actor: string, id: string, expectedVersion: number): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await lockSite(tx, id, expectedVersion);
    await tx.query('DELETE FROM sites WHERE id = $1::uuid', [id]);
    await recordAudit(tx, { actor, action: 'site.delete', target: before.name, result: 'ok', detail: { before } });
  });
  deps.events.publish({ type: 'sites', ids: [id] });
  deps.events.publish({ type: 'floors', ids: [] });
}

async function lockSite(db: Queryable, id: string, expectedVersion: number): Promise<Site> {
  const current = await getSite(db, id);
  if (!current) throw new DomainError('not_found', 'not_found', msg('api.siteService.siteDoesExistAny'));
  const [locked] = await db.query<{ version: number }>('SELECT version FROM sites WHERE id = $1::uuid FOR UPDATE', [
    id,
  ]);
  if (locked?.version !== expectedVersion) {
    throw new DomainError('stale', 'version_conflict', msg('api.siteService.someoneElseChangedSite'), undefined, {
      current,
    });
  }
  return current;
}

/** The report: every desk without a dispatchable location (site address, floor, desk), with the reason. */
export async function desksWithoutLocation(db: Queryable): Promise<DesksWithoutLocation> {
  const rows = await db.query<{
    id: string;
    name: string;
    floor: string | null;
    reason: DesksWithoutLocation['desks'][number]['reason'];
  }>(
    `SELECT d.id::text AS id, d.name, f.name AS floor,
       CASE WHEN f.id IS NULL THEN 'no_floor' WHEN s.id IS NULL THEN 'floor_without_site' ELSE 'site_without_address' END AS reason
     FROM desks d LEFT JOIN floors f ON f.id = d.floor_id LEFT JOIN sites s ON s.id = f.site_id
     WHERE f.id IS NULL OR s.id IS NULL OR s.address = ''
     ORDER BY lower(d.name)`,
  );
  return { desks: rows };
}
