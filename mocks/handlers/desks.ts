import { msg } from '../../i18n/message.ts';
import { inLocale } from '../../i18n/translate.ts';
import type { Neighbourhood } from '../../contract/neighbourhoods.ts';
import { allows, type Permission } from '../../contract/access.ts';
import { http, HttpResponse } from 'msw';
import { parseDeskCsv } from '../../contract/desk-csv.ts';
import { DESK_CSV_TEMPLATE, exportDeskCsv } from '../../contract/desk-csv-export.ts';
import { renderLabelsPdf } from '../../contract/desk-labels.ts';
import { importNeeds, importRefusal, planImport, type ImportPlan } from '../../contract/desk-import-plan.ts';
import {
  deskBatchRequestSchema,
  deskInputSchema,
  deskPatchSchema,
  type Desk,
  type DeskBatchResponse,
  type DeskListResponse,
  type ImportResponse,
  type LabelsAddressResponse,
} from '../../contract/desks.ts';
import { type Floor, type Zone } from '../../contract/floors.ts';
import { macSearchKey } from '../../contract/mac.ts';
import { DEFAULT_OFFICE_HOURS, type Site } from '../../contract/sites.ts';
import { atVersion, fail, json, newId, parseBody, publish, recordAudit, said } from './kit.ts';
import type { MockOccupancyState } from './checkin.ts';
import { mockAccess, type MockApiState, type MockRequest } from './session.ts';

/** The desk, floor and site tables of the mock, with the service's rules (uniqueness, If-Match, roles). */
export interface MockDeskState {
  desks: Desk[];
  floors: Floor[];
  sites: Site[];
  zones: Zone[];
  /** Floor id → its plan image. */
  plans: Map<string, { bytes: Uint8Array; mime: string }>;
  /** Zones and desks kept for a PBX group (mocks/handlers/neighbourhoods.ts). */
  neighbourhoods: Neighbourhood[];
}

export const MOCK_SITE_ID = '5e7e0000-0000-4000-8000-000000000001';
export const MOCK_FLOOR_ID = 'f1000000-0000-4000-8000-000000000001';

const mockDesk = (id: string, name: string, mac: string, extra: Partial<Desk> = {}): Desk => ({
  id,
  name,
  mac,
  computerNames: [],
  floorId: MOCK_FLOOR_ID,
  x: null,
  y: null,
  rotation: 0,
  zoneId: null,
  enabled: true,
  bookable: true,
  version: 1,
  ...extra,
});

export const createMockDeskState = (): MockDeskState => ({
  floors: [
    {
      id: MOCK_FLOOR_ID,
      name: 'Ground floor',
      building: 'Berlin HQ',
      siteId: MOCK_SITE_ID,
      sortOrder: 0,
      plan: null,
      version: 1,
    },
  ],
  sites: [
    {
      id: MOCK_SITE_ID,
      name: 'Berlin HQ',
      address: 'Alexanderplatz 1, 10178 Berlin',
      pbxLocation: 'berlin',
      emergencyNumber: null,
      officeHours: DEFAULT_OFFICE_HOURS,
      alertEmails: [],
      version: 1,
    },
  ],
  desks: [
    mockDesk('desk-1', 'B1-0.01', '009033000001', { computerNames: ['PC-B1-0-001'], x: 0.2, y: 0.3 }),
    mockDesk('desk-2', 'B1-0.02', '009033000002', { x: 0.4, y: 0.3 }),
    mockDesk('desk-3', 'B1-0.10', '0090330000ab', { computerNames: ['TC-B1-0-010'], floorId: null, enabled: false }),
  ],
  zones: [],
  plans: new Map(),
  neighbourhoods: [],
});

const byName = (a: { name: string }, b: { name: string }) => a.name.toLowerCase().localeCompare(b.name.toLowerCase());

export function deskHandlers(state: MockApiState, tables: MockDeskState, occupancy: MockOccupancyState, baseUrl = '') {
  const api = (path: string) => `${baseUrl}/api/v1${path}`;
  const access = (info: MockRequest, permission: Permission) => mockAccess(state, info, permission);
  const conflicts = (candidate: { name?: string; mac?: string; computerNames?: string[] }, exceptId: string | null) => {
    for (const other of tables.desks) {
      if (other.id === exceptId) continue;
      if (candidate.name !== undefined && other.name.toLowerCase() === candidate.name.toLowerCase()) {
        const message = said('api.deskStore.deskNameAlreadyUsed', { rowName: other.name });
        return fail(409, 'desk_name_taken', message, { fields: { name: message } });
      }
      if (candidate.mac !== undefined && other.mac === candidate.mac) {
        const message = said('api.deskStore.phoneAlreadyDesk', { rowName: other.name });
        return fail(409, 'mac_taken', message, { fields: { mac: message } });
      }
      const shared = candidate.computerNames?.find((name) =>
        other.computerNames.some((held) => held.toLowerCase() === name.toLowerCase()),
      );
      if (shared !== undefined) {
        const message = said('api.deskStore.computerNameAlreadyDesk', { rowName: shared, rowDesk: other.name });
        return fail(409, 'computer_name_taken', message, { fields: { computerNames: message } });
      }
    }
    return null;
  };
  const occupantOf = (deskId: string) => {
    const occupant = occupancy.occupants.get(deskId);
    if (!occupant) return null;
    const account = state.accounts.find((candidate) => candidate.name === occupant.name);
    return { name: occupant.name, displayName: account?.displayName ?? occupant.name };
  };

  const applyPlan = (plan: ImportPlan) => {
    for (const [key, name] of plan.newFloors) {
      const floor: Floor = { id: newId(), name, building: '', siteId: null, sortOrder: 0, plan: null, version: 1 };
      tables.floors.push(floor);
      for (const target of plan.targets) if (target.floorId === key) target.floorId = floor.id;
    }
    const removed = new Set(plan.removed.map((desk) => desk.id));
    tables.desks = tables.desks.filter((desk) => !removed.has(desk.id));
    for (const id of removed) occupancy.occupants.delete(id);
    for (const { target, current } of plan.changed) {
      const { row: _row, ...values } = target;
      Object.assign(current, values, { id: current.id, version: current.version + 1 });
    }
    for (const { row: _row, ...values } of plan.added) tables.desks.push({ ...values, id: newId(), version: 1 });
  };

  return [
    http.get(api('/desks'), ({ request, cookies }) => {
      const { refused } = access({ request, cookies }, 'staff.read');
      if (refused) return refused;
      const url = new URL(request.url);
      const text = url.searchParams.get('q')?.trim().toLowerCase() ?? '';
      const hex = macSearchKey(text);
      const floorId = url.searchParams.get('floorId');
      const list = tables.desks
        .filter((desk) => floorId === null || (floorId === 'none' ? desk.floorId === null : desk.floorId === floorId))
        .filter(
          (desk) =>
            text === '' ||
            desk.name.toLowerCase().includes(text) ||
            desk.computerNames.some((name) => name.toLowerCase().includes(text)) ||
            (hex !== null && desk.mac.includes(hex)),
        )
        .sort(byName);
      return HttpResponse.json<DeskListResponse>({ desks: list, nextCursor: null });
    }),

    http.get(api('/desks/export'), ({ request, cookies }) => {
      const { refused } = access({ request, cookies }, 'staff.read');
      if (refused) return refused;
      const separator = new URL(request.url).searchParams.get('separator') === 'semicolon' ? 'semicolon' : 'comma';
      const csv = exportDeskCsv(
        [...tables.desks].sort(byName).map((desk) => {
          const floor = tables.floors.find((candidate) => candidate.id === desk.floorId);
          return {
            ...desk,
            floor: floor?.name ?? null,
            zone: tables.zones.find((zone) => zone.id === desk.zoneId)?.name ?? null,
            site: tables.sites.find((site) => site.id === floor?.siteId)?.name ?? null,
          };
        }),
        separator,
      );
      return new HttpResponse(csv, {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="desks-${new Date().toISOString().slice(0, 10)}.csv"`,
        },
      });
    }),

    http.get(api('/desks/template'), ({ request, cookies }) => {
      const { refused } = access({ request, cookies }, 'staff.read');
      if (refused) return refused;
      return new HttpResponse(DESK_CSV_TEMPLATE, {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="desks-template.csv"',
        },
      });
    }),

    http.get(api('/desks/labels-address'), ({ request, cookies }) => {
      const { refused } = access({ request, cookies }, 'staff.read');
      if (refused) return refused;
      // The demo has no PUBLIC_URL: its labels lead to the page's own address, which is where the demo runs.
      return HttpResponse.json<LabelsAddressResponse>({ address: new URL(request.url).origin, configured: true });
    }),

    http.get(api('/desks/labels.pdf'), async ({ request, cookies }) => {
      const { refused } = access({ request, cookies }, 'staff.read');
      if (refused) return refused;
      const url = new URL(request.url);
      const floorId = url.searchParams.get('floorId');
      const ids = url.searchParams.get('ids')?.split(',').filter(Boolean);
      const chosen = [...tables.desks]
        .filter(
          (desk) => (floorId === null || desk.floorId === floorId) && (ids === undefined || ids.includes(desk.id)),
        )
        .sort(byName)
        .map((desk) => {
          const floor = tables.floors.find((candidate) => candidate.id === desk.floorId);
          const address = tables.sites.find((site) => site.id === floor?.siteId)?.address;
          return {
            name: desk.name,
            floor: floor?.name ?? null,
            location: address && floor ? `${address}, ${floor.name}, Desk ${desk.name}` : null,
          };
        });
      const locale = url.searchParams.get('lang') === 'de' ? 'de' : 'en';
      const pdf = await renderLabelsPdf(chosen, url.origin, {
        locale,
        words: {
          title: inLocale(msg('contract.deskLabels.title'), locale),
          scan: inLocale(msg('contract.deskLabels.scan'), locale),
        },
      });
      return new HttpResponse(pdf.slice().buffer, {
        headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'inline; filename="desk-labels.pdf"' },
      });
    }),

    http.post(api('/desks/import'), async ({ request, cookies }) => {
      const { refused, session } = access({ request, cookies }, 'desks.edit');
      if (refused) return refused;
      const query = new URL(request.url).searchParams;
      const mode = query.get('mode');
      if (mode !== 'replace' && mode !== 'merge')
        return fail(400, 'bad_request', said('api.desks.invalidImportOptions'));
      const occupied = query.get('occupied');
      const options = {
        mode,
        dryRun: query.get('dryRun') !== 'false',
        createFloors: query.get('createFloors') === 'true',
        confirmRemoveAll: query.get('confirm') === 'remove-all',
        occupied: occupied === 'logout' || occupied === 'leave' ? occupied : null,
        mayLogOut: allows(session.user.roles, 'people.logout'),
      } as const;
      const bytes = new Uint8Array(await request.arrayBuffer());
      const parsed = parseDeskCsv(bytes);
      const current = { desks: tables.desks, floors: tables.floors, zones: tables.zones };
      const plan = planImport(parsed, current, options, (mac) => {
        const desk = tables.desks.find((candidate) => candidate.mac === mac);
        return desk ? occupantOf(desk.id) : null;
      });
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      const needs = importNeeds(plan, current, options);
      const answer = (applied: boolean): ImportResponse => ({
        summary: plan.summary,
        changes: plan.changes,
        errors: plan.errors,
        errorCount: plan.errorCount,
        warnings: parsed.warnings,
        needs,
        applied,
        file: {
          encoding: parsed.encoding,
          delimiter: parsed.delimiter,
          rows: parsed.rowCount,
          sha256: [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join(''),
        },
      });
      if (options.dryRun) return HttpResponse.json(answer(false));
      const refusal = importRefusal(plan, needs, options);
      if (refusal) {
        return fail(refusal.kind === 'semantic' ? 422 : 409, refusal.code, refusal.message, { ...answer(false) });
      }
      applyPlan(plan);
      recordAudit(state, session.user.name, 'desks.import', 'ok', { mode, ...plan.summary, rows: parsed.rowCount });
      publish(state, { type: 'desks', ids: [] }, { type: 'occupancy', deskIds: [] });
      return HttpResponse.json(answer(true));
    }),

    http.post(api('/desks'), async ({ request, cookies }) => {
      const { refused, session } = access({ request, cookies }, 'desks.edit');
      if (refused) return refused;
      const input = await parseBody(request, deskInputSchema);
      if (input instanceof Response) return input;
      const taken = conflicts(input, null);
      if (taken) return taken;
      const desk: Desk = { id: newId(), ...input, bookable: true, version: 1 };
      tables.desks.push(desk);
      recordAudit(state, session.user.name, 'desk.create', 'ok', { name: desk.name }, desk.id);
      publish(state, { type: 'desks', ids: [desk.id] });
      return json(desk, desk.version, 201);
    }),

    // All or none, as the service: a refusal names the desk beside the fields at fault.
    http.post(api('/desks/batch'), async ({ request, cookies }) => {
      const { refused, session } = access({ request, cookies }, 'desks.edit');
      if (refused) return refused;
      const input = await parseBody(request, deskBatchRequestSchema);
      if (input instanceof Response) return input;
      const made: Desk[] = [];
      for (const [index, values] of input.desks.entries()) {
        const taken =
          conflicts(values, null) ??
          (made.some((desk) => desk.name.toLowerCase() === values.name.toLowerCase() || desk.mac === values.mac)
            ? fail(409, 'desk_name_taken', `The desk name "${values.name}" is twice in the list.`)
            : null);
        if (taken) {
          const body = (await taken.json()) as Record<string, unknown>;
          return HttpResponse.json({ ...body, index, desk: values.name }, { status: taken.status });
        }
        made.push({ id: newId(), ...values, bookable: true, version: 1 });
      }
      tables.desks.push(...made);
      for (const desk of made) recordAudit(state, session.user.name, 'desk.create', 'ok', { name: desk.name }, desk.id);
      publish(state, { type: 'desks', ids: made.map((desk) => desk.id) });
      return HttpResponse.json<DeskBatchResponse>({ desks: made }, { status: 201 });
    }),

    http.get(api('/desks/:id'), ({ request, params, cookies }) => {
      const { refused } = access({ request, cookies }, 'staff.read');
      if (refused) return refused;
      const desk = tables.desks.find((candidate) => candidate.id === params.id);
      return desk ? json(desk, desk.version) : fail(404, 'not_found', said('api.desks.deskDoesExist'));
    }),

    http.patch(api('/desks/:id'), async ({ request, params, cookies }) => {
      const { refused, session } = access({ request, cookies }, 'desks.edit');
      if (refused) return refused;
      const desk = atVersion(request, tables.desks, params.id, 'desk');
      if (desk instanceof Response) return desk;
      const patch = await parseBody(request, deskPatchSchema);
      if (patch instanceof Response) return patch;
      const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      const taken = conflicts(changes, desk.id);
      if (taken) return taken;
      Object.assign(desk, changes, { version: desk.version + 1 });
      recordAudit(state, session.user.name, 'desk.update', 'ok', { name: desk.name, changes }, desk.id);
      publish(state, { type: 'desks', ids: [desk.id] });
      return json(desk, desk.version);
    }),

    http.delete(api('/desks/:id'), ({ request, params, cookies }) => {
      const { refused, session } = access({ request, cookies }, 'desks.edit');
      if (refused) return refused;
      const desk = atVersion(request, tables.desks, params.id, 'desk');
      if (desk instanceof Response) return desk;
      const occupant = occupantOf(desk.id);
      if (occupant) {
        const mayLogOut = allows(session.user.roles, 'people.logout');
        if (new URL(request.url).searchParams.get('occupied') !== 'logout' || !mayLogOut) {
          return fail(
            409,
            'desk_occupied',
            mayLogOut
              ? said('api.deskService.usingDeskSPhone', { who: occupant.displayName })
              : said('api.deskService.usingDeskSPhone2', { who: occupant.displayName }),
            { occupant, mayLogOut },
          );
        }
        occupancy.occupants.delete(desk.id);
      }
      tables.desks = tables.desks.filter((candidate) => candidate !== desk);
      recordAudit(state, session.user.name, 'desk.delete', 'ok', { name: desk.name }, desk.id);
      publish(state, { type: 'desks', ids: [desk.id] }, { type: 'occupancy', deskIds: [desk.id] });
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
