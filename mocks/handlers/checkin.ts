import { createMockMailState, type MockMailState } from './mail.ts';
import { http, HttpResponse } from 'msw';
import {
  forceLogoutRequestSchema,
  occupancyRow,
  onBehalfCheckinRequestSchema,
  type DeskOccupancy,
  type EmergencyAlert,
  type EmergencyNoticeRecord,
  type OccupancyResponse,
} from '../../contract/occupancy.ts';
import {
  checkinRequestSchema,
  createTokenRequestSchema,
  phonePinRequestSchema,
  type CheckinResponse,
  type CheckinToken,
  type MyDeskResponse,
} from '../../contract/checkin.ts';
import { defaultSettings, settingsValuesSchema, type Settings } from '../../contract/settings.ts';
import type { Desk } from '../../contract/desks.ts';
import { matchesAllWords } from '../../contract/search.ts';
import type { MockSession } from './analytics.ts';
import { confirmMockBooking, type MockBooking } from './bookings.ts';
import type { MockDeskState } from './desks.ts';
import { expectedVersion, fail, json, newId, parseBody, publish, recordAudit, said } from './kit.ts';
import { mockAccess, mockPbxDownSince, type MockApiState } from './session.ts';

/** Who sits where, in the mock: desk id → the occupant's user name; the settings; each employee's tokens. */
export interface MockOccupancyState {
  occupants: Map<string, { name: string; since: string; method: DeskOccupancy['method'] }>;
  settings: Settings;
  tokens: Map<string, CheckinToken[]>;
  /** Who has set a phone PIN (the PIN itself is never read back, so the mock keeps none). */
  pins: Set<string>;
  /** Ended check-in sessions, for Insights. */
  history: MockSession[];
  /** Desks whose phone is not registered (unplugged), whoever holds them. */
  offlinePhones: Set<string>;
  /** Desks the PBX refuses to log out (the answer's message per desk). */
  failingLogouts: Map<string, string>;
  /** The emergency notices to security, newest first. */
  notices: EmergencyNoticeRecord[];
  /** Desks frozen after an emergency call (desk id → the call and how its notice went). */
  emergencies: Map<string, NonNullable<DeskOccupancy['emergency']>>;
  /** Desk bookings (mocks/handlers/bookings.ts). */
  bookings: MockBooking[];
  /** Emergency alerts, newest first (acknowledged ones stay, with who and when). */
  alerts: EmergencyAlert[];
  /** Private calendar feeds by person: the address's secret and since when. */
  calendarFeeds: Map<string, { secret: string; since: string }>;
  /** E-mail choices and the outbox (mocks/handlers/mail.ts). */
  mail: MockMailState;
}

export const createMockOccupancyState = (): MockOccupancyState => ({
  occupants: new Map([['desk-1', { name: 'helpdesk', since: '2026-11-22T08:00:00.000Z', method: 'desk' }]]),
  settings: { ...defaultSettings, version: 1, upgradeNotes: [] },
  tokens: new Map(),
  pins: new Set(),
  history: [],
  offlinePhones: new Set(),
  failingLogouts: new Map(),
  notices: [],
  emergencies: new Map(),
  bookings: [],
  calendarFeeds: new Map(),
  alerts: [],
  mail: createMockMailState(),
});

const MAX_TOKENS = 10;

/** Check-in, occupancy, tokens and settings over the mock state, with the service's rules and roles. */
export function checkinHandlers(
  state: MockApiState,
  tables: MockDeskState,
  occupancy: MockOccupancyState,
  baseUrl = '',
) {
  const api = (path: string) => `${baseUrl}/api/v1${path}`;
  const displayName = (name: string) => state.accounts.find((account) => account.name === name)?.displayName ?? name;
  const mySessions = (name: string) =>
    [...occupancy.occupants].flatMap(([deskId, occupant]) => {
      const desk = tables.desks.find((candidate) => candidate.id === deskId);
      if (occupant.name !== name || !desk) return [];
      const floor = tables.floors.find((candidate) => candidate.id === desk.floorId);
      return [
        {
          deskId,
          deskName: desk.name,
          floorName: floor?.name ?? null,
          since: occupant.since,
          method: occupant.method ?? 'desk',
          phoneRegistered: !occupancy.offlinePhones.has(deskId),
        },
      ];
    });
  const free = (actor: string, deskId: string, action: string, note?: string) => {
    const occupant = occupancy.occupants.get(deskId);
    if (!occupant) return false;
    occupancy.occupants.delete(deskId);
    const desk = tables.desks.find((candidate) => candidate.id === deskId);
    recordAudit(state, actor, action, 'ok', { user: occupant.name, ...(note ? { note } : {}) }, desk?.name ?? deskId);
    return true;
  };

  /** The one check-in flow of the mock, with the service's policies: by the person, or on their behalf (`by`). */
  const checkInAt = (
    desk: Desk,
    userName: string,
    method: NonNullable<DeskOccupancy['method']>,
    by: string,
    askBeforeTakeOver = false,
  ) => {
    if (!desk.enabled)
      return fail(409, 'desk_closed', said('api.checkinFlow.deskClosedCheck', { foundName: desk.name }));
    const holder = occupancy.occupants.get(desk.id);
    if (holder && holder.name !== userName && occupancy.settings.policies.occupiedDesk === 'refuse') {
      return fail(
        409,
        'desk_occupied',
        said('api.checkinFlow.deskTaken', { deskName: desk.name, holderDisplayName: displayName(holder.name) }),
      );
    }
    if (holder && holder.name !== userName && askBeforeTakeOver) {
      return fail(
        409,
        'take_over_unconfirmed',
        said('api.checkinFlow.deskUseTakingOver', { deskName: desk.name, holderDisplayName: displayName(holder.name) }),
        { occupant: { displayName: displayName(holder.name) }, desk: desk.name },
      );
    }
    if (holder && holder.name !== userName) free(by, desk.id, 'occupancy.force_logout');
    const movedFrom: string[] = [];
    if (occupancy.settings.policies.secondDesk === 'move') {
      for (const [deskId, occupant] of [...occupancy.occupants]) {
        if (occupant.name !== userName || deskId === desk.id) continue;
        free(by, deskId, 'occupancy.checkout');
        movedFrom.push(tables.desks.find((candidate) => candidate.id === deskId)?.name ?? deskId);
      }
    }
    occupancy.occupants.set(desk.id, { name: userName, since: new Date().toISOString(), method });
    if (confirmMockBooking(occupancy, desk.id, userName)) publish(state, { type: 'me', users: [userName] });
    recordAudit(state, by, 'occupancy.checkin', 'ok', { user: userName, method }, desk.name);
    publish(state, { type: 'occupancy', deskIds: [desk.id] });
    const mine = mySessions(userName).find((candidate) => candidate.deskId === desk.id);
    if (!mine) return fail(500, 'internal', 'lost the session');
    return HttpResponse.json<CheckinResponse>({
      session: mine,
      tookOverFrom: holder && holder.name !== userName ? displayName(holder.name) : null,
      movedFrom,
    });
  };

  return [
    http.get(api('/me/desk'), ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'self.checkin');
      if (refused) return refused;
      const account = state.accounts.find((candidate) => candidate.name === session.user.name);
      return HttpResponse.json<MyDeskResponse>({
        sessions: mySessions(session.user.name),
        pbxDownSince: mockPbxDownSince(state),
        loginMethods: occupancy.settings.loginMethods,
        keypad: {
          extension: account?.extension || null,
          pinSet: occupancy.pins.has(session.user.name),
          ...occupancy.settings.keypad,
        },
      });
    }),

    http.put(api('/me/phone-pin'), async ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'self.checkin');
      if (refused) return refused;
      const input = await parseBody(request, phonePinRequestSchema);
      if (input instanceof Response) return input;
      occupancy.pins.add(session.user.name);
      recordAudit(state, session.user.name, 'keypad.pin_set');
      return new HttpResponse(null, { status: 204 });
    }),

    http.delete(api('/me/phone-pin'), ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'self.checkin');
      if (refused) return refused;
      if (!occupancy.pins.delete(session.user.name)) return fail(404, 'not_found', said('api.keypad.havePhonePin'));
      recordAudit(state, session.user.name, 'keypad.pin_delete');
      return new HttpResponse(null, { status: 204 });
    }),

    http.get(api('/me/tokens'), ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'self.checkin');
      return refused ?? HttpResponse.json({ tokens: occupancy.tokens.get(session.user.name) ?? [] });
    }),

    http.post(api('/me/tokens'), async ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'self.checkin');
      if (refused) return refused;
      const input = await parseBody(request, createTokenRequestSchema);
      if (input instanceof Response) return input;
      const mine = occupancy.tokens.get(session.user.name) ?? [];
      if (mine.length >= MAX_TOKENS) {
        return fail(409, 'bad_request', said('api.tokens.haveTokensAlreadyRevoke', { maxTokens: MAX_TOKENS }));
      }
      const token: CheckinToken = {
        id: newId(),
        label: input.label,
        createdAt: new Date().toISOString(),
        lastUsedAt: null,
        expiresAt: new Date(Date.now() + occupancy.settings.tokens.lifetimeDays * 86_400_000).toISOString(),
      };
      occupancy.tokens.set(session.user.name, [...mine, token]);
      recordAudit(state, session.user.name, 'token.create', 'ok', {}, token.label);
      const secret = [...crypto.getRandomValues(new Uint8Array(32))].map((byte) => byte.toString(16).padStart(2, '0'));
      return json({ ...token, token: `hdt_${secret.join('')}` }, undefined, 201);
    }),

    http.delete(api('/me/tokens/:id'), ({ request, params, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'self.checkin');
      if (refused) return refused;
      const mine = occupancy.tokens.get(session.user.name) ?? [];
      if (!mine.some((token) => token.id === params.id))
        return fail(404, 'not_found', said('api.tokens.thereSuchTokenAny'));
      occupancy.tokens.set(
        session.user.name,
        mine.filter((token) => token.id !== params.id),
      );
      recordAudit(state, session.user.name, 'token.revoke', 'ok', {}, String(params.id));
      return new HttpResponse(null, { status: 204 });
    }),

    http.get(api('/me/desk-suggestions'), ({ request, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'self.checkin');
      if (refused) return refused;
      const q = new URL(request.url).searchParams.get('q')?.toLowerCase() ?? '';
      const names = tables.desks
        .filter((desk) => desk.enabled && q !== '' && desk.name.toLowerCase().includes(q))
        .map((desk) => desk.name);
      return HttpResponse.json({ names: names.slice(0, 8) });
    }),

    http.post(api('/checkin'), async ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'self.checkin');
      if (refused) return refused;
      const user = session.user;
      const parsed = await parseBody(request, checkinRequestSchema);
      if (parsed instanceof Response) return parsed;
      const { method, value, takeOver } = parsed;
      if (!occupancy.settings.loginMethods[method])
        return fail(403, 'method_disabled', said('api.checkinFlow.wayCheckingSwitchedOff'));
      const desk = tables.desks.find((candidate) =>
        method === 'desk'
          ? candidate.name.toLowerCase() === value.toLowerCase()
          : candidate.computerNames.some((name) => name.toLowerCase() === value.toLowerCase()),
      );
      if (!desk)
        return fail(
          404,
          'unknown_desk',
          method === 'desk'
            ? said('api.checkinFlow.thereDeskCalled', { value })
            : said('api.checkinFlow.deskComputer', { value }),
        );
      return checkInAt(desk, user.name, method, user.name, takeOver !== true);
    }),

    http.post(api('/occupancy/checkin'), async ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'people.checkin');
      if (refused) return refused;
      const input = await parseBody(request, onBehalfCheckinRequestSchema);
      if (input instanceof Response) return input;
      const desk = tables.desks.find((candidate) => candidate.id === input.deskId);
      if (!desk) return fail(404, 'unknown_desk', said('api.shared.deskDoesExistAny'));
      const person = state.accounts.find((account) => account.name === input.user);
      if (!person) return fail(404, 'unknown_person', said('api.bookingService.therePbxUser', { user: input.user }));
      return checkInAt(desk, person.name, 'console', session.user.name);
    }),

    http.get(api('/people'), ({ request, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'people.checkin');
      if (refused) return refused;
      const q = new URL(request.url).searchParams.get('q') ?? '';
      const people = state.accounts
        .filter((account) => matchesAllWords(q, [account.displayName, account.name, account.extension]))
        .sort((a, b) => a.displayName.localeCompare(b.displayName))
        .slice(0, 20)
        .map((account) => ({
          name: account.name,
          displayName: account.displayName,
          extension: account.extension || null,
        }));
      return HttpResponse.json({ people });
    }),

    http.post(api('/checkout'), ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'self.checkin');
      if (refused) return refused;
      const mine = [...occupancy.occupants].filter(([, occupant]) => occupant.name === session.user.name);
      for (const [deskId] of mine) free(session.user.name, deskId, 'occupancy.checkout');
      if (mine.length > 0) publish(state, { type: 'occupancy', deskIds: mine.map(([deskId]) => deskId) });
      return HttpResponse.json({ checkedOut: mine.length });
    }),

    http.get(api('/occupancy'), ({ request, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'staff.read');
      if (refused) return refused;
      return HttpResponse.json<OccupancyResponse>({
        complete: true,
        pbxDownSince: mockPbxDownSince(state),
        desks: tables.desks.map((desk) => {
          const occupant = occupancy.occupants.get(desk.id);
          return occupancyRow(desk, {
            occupant: occupant
              ? {
                  guid: `guid-${occupant.name}`,
                  name: occupant.name,
                  displayName: displayName(occupant.name),
                  extension: state.accounts.find((account) => account.name === occupant.name)?.extension || null,
                }
              : null,
            since: occupant?.since ?? null,
            method: occupant?.method ?? null,
            // Base objects are on by default: a free desk's phone stays registered too.
            phoneRegistered:
              !occupancy.offlinePhones.has(desk.id) &&
              (occupancy.settings.phones.baseObjects || occupant !== undefined),
            onCall: false,
            logoutDeferred: false,
            emergency: occupancy.emergencies.get(desk.id) ?? null,
          });
        }),
      });
    }),

    http.post(api('/occupancy/logout'), async ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'people.logout');
      if (refused) return refused;
      const input = await parseBody(request, forceLogoutRequestSchema);
      if (input instanceof Response) return input;
      const results = input.deskIds.map((deskId) => {
        const failure = occupancy.failingLogouts.get(deskId);
        if (failure !== undefined) return { deskId, status: 'failed' as const, message: failure };
        return {
          deskId,
          status: free(session.user.name, deskId, 'occupancy.force_logout', input.note)
            ? ('logged_out' as const)
            : ('was_free' as const),
        };
      });
      publish(state, { type: 'occupancy', deskIds: input.deskIds });
      return HttpResponse.json({ results });
    }),

    http.get(api('/settings'), ({ request, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'staff.read');
      return refused ?? json(occupancy.settings, occupancy.settings.version);
    }),

    http.put(api('/settings'), async ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'admin');
      if (refused) return refused;
      const version = expectedVersion(request);
      if (version instanceof Response) return version;
      if (version !== occupancy.settings.version)
        return fail(409, 'version_conflict', said('api.settingsService.someoneElseChangedSettings'), {
          current: occupancy.settings,
        });
      const values = await parseBody(request, settingsValuesSchema);
      if (values instanceof Response) return values;
      const before = occupancy.settings;
      occupancy.settings = { ...values, version: before.version + 1, upgradeNotes: [] };
      recordAudit(state, session.user.name, 'settings.update', 'ok', { before, after: occupancy.settings });
      publish(state, { type: 'settings' });
      return json(occupancy.settings, occupancy.settings.version);
    }),
  ];
}
