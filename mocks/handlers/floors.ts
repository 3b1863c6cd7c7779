import { http, HttpResponse } from 'msw';
import {
  floorInputSchema,
  floorPatchSchema,
  layoutSaveRequestSchema,
  type Floor,
  type Zone,
} from '../../contract/floors.ts';
import { type Desk } from '../../contract/desks.ts';
import { zoneAt } from '../../contract/geometry.ts';
import { checkPlanImage } from '../../contract/plan-image.ts';
import type { MockDeskState } from './desks.ts';
import { atVersion, fail, json, newId, parseBody, publish, recordAudit, said } from './kit.ts';
import { mockAccess, type MockApiState } from './session.ts';

const PLAN_STATUS = { payload_too_large: 413, unsupported_media_type: 415, bad_request: 400 } as const;

/** Floors, their plans, zones and the floor editor's layout save, over the mock's tables. */
export function floorHandlers(state: MockApiState, tables: MockDeskState, baseUrl = '') {
  const api = (path: string) => `${baseUrl}/api/v1${path}`;
  const siteMissing = (siteId: string | null | undefined) =>
    siteId && !tables.sites.some((site) => site.id === siteId)
      ? fail(400, 'bad_request', said('api.siteService.siteDoesExistAny'), {
          fields: { siteId: said('api.siteService.siteDoesExistAny') },
        })
      : null;
  const sorted = () =>
    [...tables.floors].sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'en'));

  return [
    http.get(api('/floors'), ({ request, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'staff.read');
      return refused ?? HttpResponse.json({ floors: sorted() });
    }),

    http.post(api('/floors'), async ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'desks.edit');
      if (refused) return refused;
      const input = await parseBody(request, floorInputSchema);
      if (input instanceof Response) return input;
      const missing = siteMissing(input.siteId);
      if (missing) return missing;
      const floor: Floor = { id: newId(), ...input, plan: null, version: 1 };
      tables.floors.push(floor);
      recordAudit(state, session.user.name, 'floor.create', 'ok', { after: floor }, floor.name);
      publish(state, { type: 'floors', ids: [floor.id] });
      return json(floor, floor.version, 201);
    }),

    http.get(api('/floors/:id'), ({ request, params, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'staff.read');
      if (refused) return refused;
      const floor = tables.floors.find((candidate) => candidate.id === params.id);
      return floor ? json(floor, floor.version) : fail(404, 'not_found', said('api.floors.floorDoesExist'));
    }),

    http.patch(api('/floors/:id'), async ({ request, params, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'desks.edit');
      if (refused) return refused;
      const floor = atVersion(request, tables.floors, params.id, 'floor');
      if (floor instanceof Response) return floor;
      const patch = await parseBody(request, floorPatchSchema);
      if (patch instanceof Response) return patch;
      const missing = siteMissing(patch.siteId);
      if (missing) return missing;
      const before = { ...floor };
      const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      Object.assign(floor, changes, { version: floor.version + 1 });
      recordAudit(state, session.user.name, 'floor.update', 'ok', { before, after: floor }, floor.name);
      publish(state, { type: 'floors', ids: [floor.id] });
      return json(floor, floor.version);
    }),

    http.delete(api('/floors/:id'), ({ request, params, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'desks.edit');
      if (refused) return refused;
      const floor = atVersion(request, tables.floors, params.id, 'floor');
      if (floor instanceof Response) return floor;
      const unplaced = tables.desks.filter((desk) => desk.floorId === floor.id);
      for (const desk of unplaced) {
        Object.assign(desk, { floorId: null, x: null, y: null, zoneId: null, version: desk.version + 1 });
      }
      tables.floors = tables.floors.filter((candidate) => candidate !== floor);
      tables.zones = tables.zones.filter((zone) => zone.floorId !== floor.id);
      tables.plans.delete(floor.id);
      recordAudit(state, session.user.name, 'floor.delete', 'ok', { unplacedDesks: unplaced.length }, floor.name);
      publish(state, { type: 'floors', ids: [floor.id] });
      if (unplaced.length > 0) publish(state, { type: 'desks', ids: unplaced.map((desk) => desk.id) });
      return new HttpResponse(null, { status: 204 });
    }),

    http.put(api('/floors/:id/plan'), async ({ request, params, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'desks.edit');
      if (refused) return refused;
      const floor = atVersion(request, tables.floors, params.id, 'floor');
      if (floor instanceof Response) return floor;
      const bytes = new Uint8Array(await request.arrayBuffer());
      const image = checkPlanImage(bytes);
      if (!('mime' in image)) return fail(PLAN_STATUS[image.code], image.code, image.message);
      tables.plans.set(floor.id, { bytes, mime: image.mime });
      const action = floor.plan ? 'floor.plan_replace' : 'floor.plan_upload';
      floor.plan = { ...image, size: bytes.byteLength, updatedAt: new Date().toISOString() };
      floor.version += 1;
      recordAudit(state, session.user.name, action, 'ok', { after: floor.plan }, floor.name);
      publish(state, { type: 'floors', ids: [floor.id] });
      return json(floor, floor.version);
    }),

    http.get(api('/floors/:id/plan'), ({ request, params, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'staff.read');
      if (refused) return refused;
      const plan = typeof params.id === 'string' ? tables.plans.get(params.id) : undefined;
      if (!plan) return fail(404, 'not_found', said('api.floors.floorPlanYet'));
      return new HttpResponse(plan.bytes.slice().buffer, {
        headers: { 'Content-Type': plan.mime, 'Cache-Control': 'private, no-cache' },
      });
    }),

    http.get(api('/floors/:id/zones'), ({ request, params, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'staff.read');
      return refused ?? HttpResponse.json({ zones: tables.zones.filter((zone) => zone.floorId === params.id) });
    }),

    http.get(api('/zones'), ({ request, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'staff.read');
      return refused ?? HttpResponse.json({ zones: tables.zones });
    }),

    http.post(api('/floors/:id/layout'), async ({ request, params, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'desks.edit');
      if (refused) return refused;
      const floor = tables.floors.find((candidate) => candidate.id === params.id);
      if (!floor) return fail(404, 'not_found', said('api.floorService.floorDoesExistAny'));
      const draft = await parseBody(request, layoutSaveRequestSchema);
      if (draft instanceof Response) return draft;
      const deskConflicts: Desk[] = [];
      for (const item of draft.desks) {
        const current = tables.desks.find((desk) => desk.id === item.id);
        if (!current) return fail(409, 'layout_conflict', said('api.floorService.deskLayoutDeletedMeanwhile'));
        if (current.version !== item.version) deskConflicts.push(current);
      }
      const zoneConflicts = draft.zones.flatMap((zone) => {
        if (zone.id === undefined) return [];
        const current = tables.zones.find((candidate) => candidate.id === zone.id && candidate.floorId === floor.id);
        return !current || current.version !== zone.version ? [{ id: zone.id, current: current ?? null }] : [];
      });
      if (deskConflicts.length > 0 || zoneConflicts.length > 0) {
        return fail(409, 'layout_conflict', said('api.floorService.someoneElseChangedFloor2'), {
          conflicts: { desks: deskConflicts, zones: zoneConflicts },
        });
      }
      for (const zone of draft.zones) {
        const { id, deleted, version: _version, ...values } = zone;
        if (deleted) tables.zones = tables.zones.filter((candidate) => candidate.id !== id);
        else if (id === undefined) tables.zones.push({ id: newId(), floorId: floor.id, ...values, version: 1 });
        else {
          const current = tables.zones.find((candidate) => candidate.id === id);
          if (current) Object.assign(current, values, { version: current.version + 1 });
        }
      }
      const changed = new Set<Desk>();
      for (const item of draft.desks) {
        const desk = tables.desks.find((candidate) => candidate.id === item.id);
        if (!desk) continue;
        const placed = item.onFloor && item.x !== null && item.y !== null;
        Object.assign(desk, {
          floorId: placed ? floor.id : null,
          x: placed ? item.x : null,
          y: placed ? item.y : null,
          rotation: item.rotation,
          zoneId: null,
          version: desk.version + 1,
        });
        changed.add(desk);
      }
      // Zones follow positions: every desk on this floor gets the zone it stands in.
      const zones: Zone[] = tables.zones.filter((zone) => zone.floorId === floor.id);
      for (const desk of tables.desks.filter((candidate) => candidate.floorId === floor.id)) {
        const zoneId = desk.x === null || desk.y === null ? null : zoneAt({ x: desk.x, y: desk.y }, zones);
        if (zoneId === desk.zoneId) continue;
        desk.zoneId = zoneId;
        if (!changed.has(desk)) desk.version += 1;
        changed.add(desk);
      }
      const desks = [...changed];
      recordAudit(state, session.user.name, 'floor.layout_save', 'ok', { desks: desks.length }, floor.name);
      publish(state, { type: 'zones', floorId: floor.id });
      if (desks.length > 0) publish(state, { type: 'desks', ids: desks.map((desk) => desk.id) });
      return HttpResponse.json({ desks, zones });
    }),
  ];
}
