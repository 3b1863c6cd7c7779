import type { Permission } from '../../contract/access.ts';
import { http, HttpResponse, type DefaultBodyType, type StrictRequest } from 'msw';
import {
  deskInputSchema,
  deskPatchSchema,
  type Desk,
  type DeskListResponse,
  type Floor,
} from '../../contract/desks.ts';
import { macSearchKey } from '../../contract/mac.ts';
import type { Site } from '../../contract/sites.ts';
import { mockAccess, type MockApiState } from './session.ts';

/** The desk and floor endpoints over the mock state, with the service's rules (uniqueness, If-Match, roles). */
export interface MockDeskState {
  desks: Desk[];
  floors: Floor[];
  sites: Site[];
}

export const createMockDeskState = (): MockDeskState => ({
  floors: [
    {
      id: 'floor-1',
      name: 'Ground floor',
      building: 'Berlin HQ',
      siteId: 'site-1',
      sortOrder: 0,
      plan: null,
      version: 1,
    },
  ],
  sites: [
    {
      id: 'site-1',
      name: 'Berlin HQ',
      address: 'Alexanderplatz 1, 10178 Berlin',
      pbxLocation: 'berlin',
      emergencyNumber: null,
      version: 1,
    },
  ],
  desks: [
    {
      id: 'desk-1',
      name: 'B1-0.01',
      mac: '009033000001',
      computerNames: ['PC-B1-0-001'],
      floorId: 'floor-1',
      x: 0.2,
      y: 0.3,
      rotation: 0,
      zoneId: null,
      enabled: true,
      version: 1,
    },
    {
      id: 'desk-2',
      name: 'B1-0.02',
      mac: '009033000002',
      computerNames: [],
      floorId: 'floor-1',
      x: 0.4,
      y: 0.3,
      rotation: 0,
      zoneId: null,
      enabled: true,
      version: 1,
    },
    {
      id: 'desk-3',
      name: 'B1-0.10',
      mac: '0090330000ab',
      computerNames: ['TC-B1-0-010'],
      floorId: null,
      x: null,
      y: null,
      rotation: 0,
      zoneId: null,
      enabled: false,
      version: 1,
    },
  ],
});

const fail = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
  HttpResponse.json(
    { error: { code, message, ...('fields' in extra ? { fields: extra.fields } : {}) }, ...extra },
    { status },
  );

const parseFields = (issues: { path: PropertyKey[]; message: string }[]) =>
  Object.fromEntries(issues.map((issue) => [issue.path.join('.') || '_', issue.message]));

export function deskHandlers(state: MockApiState, desks: MockDeskState, baseUrl = '') {
  const api = (path: string) => `${baseUrl}/api/v1${path}`;
  const guard = (request: StrictRequest<DefaultBodyType>, permission: Permission) =>
    mockAccess(state, request, permission).refused ?? null;
  const conflicts = (candidate: { name?: string; mac?: string; computerNames?: string[] }, exceptId: string | null) => {
    for (const other of desks.desks) {
      if (other.id === exceptId) continue;
      if (candidate.name !== undefined && other.name.toLowerCase() === candidate.name.toLowerCase()) {
        return fail(409, 'desk_name_taken', `The desk name "${other.name}" is already used.`, {
          fields: { name: `The desk name "${other.name}" is already used.` },
        });
      }
      if (candidate.mac !== undefined && other.mac === candidate.mac) {
        return fail(409, 'mac_taken', `This phone is already at desk "${other.name}".`, {
          fields: { mac: `This phone is already at desk "${other.name}".` },
        });
      }
      const shared = candidate.computerNames?.find((name) =>
        other.computerNames.some((held) => held.toLowerCase() === name.toLowerCase()),
      );
      if (shared !== undefined) {
        const message = `The computer name "${shared}" is already at desk "${other.name}".`;
        return fail(409, 'computer_name_taken', message, { fields: { computerNames: message } });
      }
    }
    return null;
  };
  /** The desk a change names, at the version in If-Match: 428 without it, 404 unknown, 409 stale. */
  const deskAtVersion = (request: StrictRequest<DefaultBodyType>, id: unknown): Desk | Response => {
    const header = request.headers.get('if-match');
    if (header === null) return fail(428, 'precondition_required', 'Send the version you are changing in If-Match.');
    const desk = desks.desks.find((candidate) => candidate.id === id);
    if (!desk) return fail(404, 'not_found', 'This desk does not exist (any more).');
    if (desk.version !== Number(/(\d+)/.exec(header)?.[1])) {
      return fail(409, 'version_conflict', 'Someone else changed this desk meanwhile.', { current: desk });
    }
    return desk;
  };

  return [
    http.get(api('/desks'), ({ request }) => {
      const refused = guard(request, 'staff.read');
      if (refused) return refused;
      const url = new URL(request.url);
      const text = url.searchParams.get('q')?.trim().toLowerCase() ?? '';
      const hex = macSearchKey(text);
      const floorId = url.searchParams.get('floorId');
      const list = desks.desks
        .filter((desk) => floorId === null || (floorId === 'none' ? desk.floorId === null : desk.floorId === floorId))
        .filter(
          (desk) =>
            text === '' ||
            desk.name.toLowerCase().includes(text) ||
            desk.computerNames.some((name) => name.toLowerCase().includes(text)) ||
            (hex !== null && desk.mac.includes(hex)),
        )
        .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
      return HttpResponse.json<DeskListResponse>({ desks: list, nextCursor: null });
    }),

    http.post(api('/desks'), async ({ request }) => {
      const refused = guard(request, 'desks.edit');
      if (refused) return refused;
      const parsed = deskInputSchema.safeParse(await request.json().catch(() => null));
      if (!parsed.success)
        return fail(400, 'bad_request', 'Some fields are missing or invalid.', {
          fields: parseFields(parsed.error.issues),
        });
      const taken = conflicts(parsed.data, null);
      if (taken) return taken;
      const desk: Desk = { id: `desk-${Date.now()}-${desks.desks.length}`, ...parsed.data, version: 1 };
      desks.desks.push(desk);
      return HttpResponse.json(desk, { status: 201, headers: { ETag: '"1"' } });
    }),

    http.patch(api('/desks/:id'), async ({ request, params }) => {
      const refused = guard(request, 'desks.edit');
      if (refused) return refused;
      const desk = deskAtVersion(request, params.id);
      if (desk instanceof Response) return desk;
      const parsed = deskPatchSchema.safeParse(await request.json().catch(() => null));
      if (!parsed.success)
        return fail(400, 'bad_request', 'Some fields are missing or invalid.', {
          fields: parseFields(parsed.error.issues),
        });
      const changes = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
      const taken = conflicts(changes, desk.id);
      if (taken) return taken;
      Object.assign(desk, changes, { version: desk.version + 1 });
      return HttpResponse.json(desk, { headers: { ETag: `"${desk.version}"` } });
    }),

    http.delete(api('/desks/:id'), ({ request, params }) => {
      const refused = guard(request, 'desks.edit');
      if (refused) return refused;
      const desk = deskAtVersion(request, params.id);
      if (desk instanceof Response) return desk;
      desks.desks = desks.desks.filter((candidate) => candidate !== desk);
      return new HttpResponse(null, { status: 204 });
    }),

    http.get(
      api('/floors'),
      ({ request }) => guard(request, 'staff.read') ?? HttpResponse.json({ floors: desks.floors }),
    ),
    http.get(api('/sites'), ({ request }) => guard(request, 'staff.read') ?? HttpResponse.json({ sites: desks.sites })),
    http.get(api('/zones'), ({ request }) => guard(request, 'staff.read') ?? HttpResponse.json({ zones: [] })),
  ];
}
