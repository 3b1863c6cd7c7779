import type { Permission } from '../../contract/access.ts';
import { http, HttpResponse, type DefaultBodyType, type StrictRequest } from 'msw';
import type { DeskOccupancy, OccupancyResponse } from '../../contract/occupancy.ts';
import {
  checkinRequestSchema,
  defaultSettings,
  settingsValuesSchema,
  type CheckinResponse,
  type MyDeskResponse,
  type Settings,
} from '../../contract/settings.ts';
import type { MockDeskState } from './desks.ts';
import { mockAccess, type MockApiState } from './session.ts';

/** Who sits where, in the mock: desk id → the occupant's user name. */
export interface MockOccupancyState {
  occupants: Map<string, { name: string; since: string; method: DeskOccupancy['method'] }>;
  settings: Settings;
}

export const createMockOccupancyState = (): MockOccupancyState => ({
  occupants: new Map([['desk-1', { name: 'helpdesk', since: '2026-11-22T08:00:00.000Z', method: 'desk' }]]),
  settings: { ...defaultSettings, version: 1 },
});

const fail = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
  HttpResponse.json({ error: { code, message }, ...extra }, { status });

/** Check-in, occupancy and settings over the mock state, with the service's rules and roles. */
export function checkinHandlers(
  state: MockApiState,
  desks: MockDeskState,
  occupancy: MockOccupancyState,
  baseUrl = '',
) {
  const api = (path: string) => `${baseUrl}/api/v1${path}`;
  const guard = (request: StrictRequest<DefaultBodyType>, permission: Permission) => {
    const { refused, session } = mockAccess(state, request, permission);
    return refused ? { refused } : { user: session.user };
  };
  const mySessions = (name: string) =>
    [...occupancy.occupants].flatMap(([deskId, occupant]) => {
      const desk = desks.desks.find((candidate) => candidate.id === deskId);
      return occupant.name === name && desk
        ? [
            {
              deskId,
              deskName: desk.name,
              floorName: desk.floorId ? 'Ground floor' : null,
              since: occupant.since,
              method: occupant.method ?? 'desk',
            },
          ]
        : [];
    });

  return [
    http.get(api('/me/desk'), ({ request }) => {
      const { refused, user } = guard(request, 'self.checkin');
      if (refused) return refused;
      return HttpResponse.json<MyDeskResponse>({
        sessions: mySessions(user.name),
        loginMethods: occupancy.settings.loginMethods,
      });
    }),
    http.get(
      api('/me/tokens'),
      ({ request }) => guard(request, 'self.checkin').refused ?? HttpResponse.json({ tokens: [] }),
    ),
    http.get(api('/me/desk-suggestions'), ({ request }) => {
      const { refused } = guard(request, 'self.checkin');
      if (refused) return refused;
      const q = new URL(request.url).searchParams.get('q')?.toLowerCase() ?? '';
      const names = desks.desks
        .filter((desk) => desk.enabled && q !== '' && desk.name.toLowerCase().includes(q))
        .map((desk) => desk.name);
      return HttpResponse.json({ names: names.slice(0, 8) });
    }),
    http.post(api('/checkin'), async ({ request }) => {
      const { refused, user } = guard(request, 'self.checkin');
      if (refused) return refused;
      const parsed = checkinRequestSchema.safeParse(await request.json().catch(() => null));
      if (!parsed.success) return fail(400, 'bad_request', 'Some fields are missing or invalid.');
      const { method, value } = parsed.data;
      if (!occupancy.settings.loginMethods[method])
        return fail(403, 'method_disabled', 'This way of checking in is switched off.');
      const desk = desks.desks.find((candidate) =>
        method === 'desk'
          ? candidate.name.toLowerCase() === value.toLowerCase()
          : candidate.computerNames.some((name) => name.toLowerCase() === value.toLowerCase()),
      );
      if (!desk)
        return fail(
          404,
          'unknown_desk',
          method === 'desk' ? `There is no desk called "${value}".` : `No desk has the computer "${value}".`,
        );
      if (!desk.enabled) return fail(409, 'desk_closed', `Desk ${desk.name} is closed for check-in.`);
      const holder = occupancy.occupants.get(desk.id);
      if (holder && holder.name !== user.name && occupancy.settings.policies.occupiedDesk === 'refuse') {
        return fail(409, 'desk_occupied', `Desk ${desk.name} is taken.`);
      }
      const movedFrom: string[] = [];
      for (const [deskId, occupant] of [...occupancy.occupants]) {
        if (occupant.name === user.name && deskId !== desk.id && occupancy.settings.policies.secondDesk === 'move') {
          occupancy.occupants.delete(deskId);
          movedFrom.push(desks.desks.find((candidate) => candidate.id === deskId)?.name ?? deskId);
        }
      }
      const since = new Date().toISOString();
      occupancy.occupants.set(desk.id, { name: user.name, since, method });
      const session = mySessions(user.name).find((candidate) => candidate.deskId === desk.id);
      if (!session) return fail(500, 'internal', 'lost the session');
      return HttpResponse.json<CheckinResponse>({
        session,
        tookOverFrom: holder && holder.name !== user.name ? holder.name : null,
        movedFrom,
      });
    }),
    http.post(api('/checkout'), ({ request }) => {
      const { refused, user } = guard(request, 'self.checkin');
      if (refused) return refused;
      let count = 0;
      for (const [deskId, occupant] of [...occupancy.occupants]) {
        if (occupant.name === user.name) {
          occupancy.occupants.delete(deskId);
          count += 1;
        }
      }
      return HttpResponse.json({ checkedOut: count });
    }),
    http.get(api('/occupancy'), ({ request }) => {
      const { refused } = guard(request, 'staff.read');
      if (refused) return refused;
      return HttpResponse.json<OccupancyResponse>({
        complete: true,
        desks: desks.desks.map((desk) => {
          const occupant = occupancy.occupants.get(desk.id);
          return {
            deskId: desk.id,
            deskName: desk.name,
            mac: desk.mac,
            computerNames: desk.computerNames,
            floorId: desk.floorId,
            zoneId: desk.zoneId,
            enabled: desk.enabled,
            occupant: occupant
              ? { guid: `guid-${occupant.name}`, name: occupant.name, displayName: occupant.name }
              : null,
            since: occupant?.since ?? null,
            method: occupant?.method ?? null,
            // Base objects are on by default: a free desk's phone stays registered too.
            phoneRegistered: occupancy.settings.phones.baseObjects || occupant !== undefined,
            onCall: false,
            logoutDeferred: false,
            emergency: null,
          };
        }),
      });
    }),
    http.post(api('/occupancy/logout'), async ({ request }) => {
      const { refused } = guard(request, 'people.logout');
      if (refused) return refused;
      const { deskIds } = (await request.json()) as { deskIds: string[] };
      const results = deskIds.map((deskId) => {
        const had = occupancy.occupants.delete(deskId);
        return { deskId, status: had ? ('logged_out' as const) : ('was_free' as const) };
      });
      return HttpResponse.json({ results });
    }),
    http.get(
      api('/settings'),
      ({ request }) => guard(request, 'staff.read').refused ?? HttpResponse.json<Settings>(occupancy.settings),
    ),
    http.put(api('/settings'), async ({ request }) => {
      const { refused } = guard(request, 'admin');
      if (refused) return refused;
      const version = Number(/(\d+)/.exec(request.headers.get('if-match') ?? '')?.[1] ?? Number.NaN);
      if (Number.isNaN(version))
        return fail(428, 'precondition_required', 'Send the version you are changing in If-Match.');
      if (version !== occupancy.settings.version)
        return fail(409, 'version_conflict', 'Someone else changed the settings meanwhile.', {
          current: occupancy.settings,
        });
      const parsed = settingsValuesSchema.safeParse(await request.json().catch(() => null));
      if (!parsed.success) return fail(400, 'bad_request', parsed.error.issues[0]?.message ?? 'Invalid settings.');
      occupancy.settings = { ...parsed.data, version: occupancy.settings.version + 1 };
      return HttpResponse.json<Settings>(occupancy.settings);
    }),
  ];
}
