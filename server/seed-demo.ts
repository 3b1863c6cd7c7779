import { createHash } from 'node:crypto';
import { DEMO_SITES, DEMO_ZONES, demoZoneOf, type SimCompany } from '../sim/demo-company.ts';
import { renderFloorPlanPng } from '../sim/floor-plan.ts';
import type { Db } from './db/db.ts';
import { insertDesk } from './desks/desk-store.ts';
import { seedDemoBookings, seedDemoHistory } from './seed-history.ts';

/**
 * With the built-in simulator, the service starts with the demo company's sites, floors (with plans), desks and
 * eight weeks of check-in history and two weeks of bookings, once: a deleted desk table stays deleted. Never runs against a real PBX.
 */
export async function seedDemoCompany(db: Db, company: SimCompany): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7302)');
    const [seeded] = await tx.query("SELECT 1 FROM service_state WHERE key = 'demo_seeded'");
    if (seeded) return false;
    const [existing] = await tx.query('SELECT 1 FROM desks LIMIT 1');
    if (!existing) {
      const siteIds = new Map<string, string>();
      for (const site of DEMO_SITES) {
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO sites (name, address, pbx_location, emergency_number, alert_emails)
           VALUES ($1, $2, $3, $4, $5::text[]) RETURNING id::text AS id`,
          [site.name, site.address, site.pbxLocation, site.emergencyNumber, site.alertEmails],
        );
        if (row) siteIds.set(site.name, row.id);
      }
      const floorIds = new Map<string, string>();
      const zoneIds = new Map<string, string[]>();
      for (const [index, floor] of company.floors.entries()) {
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO floors (name, building, site_id, sort_order) VALUES ($1, $2, $3::uuid, $4)
           RETURNING id::text AS id`,
          [floor.name, floor.building, siteIds.get(floor.building) ?? null, index],
        );
        if (!row) continue;
        floorIds.set(floor.name, row.id);
        const plan = renderFloorPlanPng(index);
        await tx.query(
          `INSERT INTO floor_plans (floor_id, mime, width, height, size, sha256, bytes)
           VALUES ($1::uuid, 'image/png', 1600, 1000, $2, $3, $4)`,
          [row.id, plan.byteLength, createHash('sha256').update(plan).digest('hex'), plan],
        );
        const zones: string[] = [];
        for (const zone of DEMO_ZONES) {
          const [inserted] = await tx.query<{ id: string }>(
            `INSERT INTO zones (floor_id, name, color, polygon) VALUES ($1::uuid, $2, $3, $4::jsonb) RETURNING id::text AS id`,
            [row.id, zone.name, zone.color, JSON.stringify(zone.polygon)],
          );
          if (inserted) zones.push(inserted.id);
        }
        zoneIds.set(floor.name, zones);
      }
      const seeded: { id: string; mac: string }[] = [];
      for (const desk of company.desks) {
        const id = await insertDesk(tx, {
          name: desk.name,
          mac: desk.mac,
          computerNames: desk.computerNames,
          floorId: floorIds.get(desk.floor) ?? null,
          x: desk.x,
          y: 0.3 + desk.y * 0.45,
          rotation: 0,
          zoneId: zoneIds.get(desk.floor)?.[demoZoneOf(desk.x)] ?? null,
          enabled: true,
        });
        seeded.push({ id, mac: desk.mac });
      }
      await seedDemoHistory(tx, company, seeded, new Date());
      await seedDemoBookings(tx, company, seeded, new Date());
    }
    await tx.query(`INSERT INTO service_state (key, value) VALUES ('demo_seeded', 'true'::jsonb)`);
    return !existing;
  });
}
