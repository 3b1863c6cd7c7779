import type { Desk } from '../../contract/desks.ts';
import type { Floor, Zone } from '../../contract/floors.ts';
import { defaultSettings } from '../../contract/settings.ts';
import { DEFAULT_OFFICE_HOURS, type Site } from '../../contract/sites.ts';
import type { MockOccupancyState } from '../handlers/checkin.ts';
import type { MockDeskState } from '../handlers/desks.ts';
import { createMockApiState, type MockAccount, type MockApiState } from '../handlers/session.ts';
import {
  DEMO_SITES,
  DEMO_ZONES,
  ROLE_GROUPS,
  demoZoneOf,
  seededRandom,
  type SimCompany,
} from '../../sim/demo-company.ts';
import { demoHistory } from '../../sim/demo-history.ts';
import { PLAN_HEIGHT, PLAN_WIDTH } from '../../sim/floor-plan-pixels.ts';
import { demoOutbox } from '../handlers/mail.ts';
import { demoNotices } from '../handlers/notices.ts';
import { confirmationWindow } from '../../contract/booking-rules.ts';
import { demoBookings } from '../../sim/demo-bookings.ts';

/**
 * The browser-only demo's data: the same demo company the service seeds from the simulator (sites, floors,
 * desks, the people and who sits where), as the msw handlers' in-memory state. Ids are stable, so a link
 * into the demo keeps working after a reload.
 */
export interface DemoState {
  api: MockApiState;
  tables: MockDeskState;
  occupancy: MockOccupancyState;
}

const stableId = (kind: number, index: number) =>
  `00000000-0000-4000-8${kind.toString(16).padStart(3, '0')}-${(index + 1).toString(16).padStart(12, '0')}`;

function accountsOf(company: SimCompany): MockAccount[] {
  return company.users.map((user) => {
    const groups = new Set(user.groups);
    const roles = (['admin', 'helpdesk', 'facility', 'security'] as const).filter((role) =>
      groups.has(ROLE_GROUPS[role]),
    );
    return {
      name: user.h323,
      displayName: user.cn,
      roles: [...roles, 'user'],
      password: user.password,
      extension: user.e164,
    };
  });
}

/** `plans`: one PNG per floor, in the company's floor order (the browser paints them; tests may pass none). */
export function createDemoState(company: SimCompany, plans: Uint8Array[] = [], now = new Date()): DemoState {
  const sites: Site[] = DEMO_SITES.map((site, index) => ({
    id: stableId(1, index),
    ...site,
    officeHours: DEFAULT_OFFICE_HOURS,
    version: 1,
  }));
  const floors: Floor[] = company.floors.map((floor, index) => {
    const plan = plans[index];
    return {
      id: stableId(2, index),
      name: floor.name,
      building: floor.building,
      siteId: sites.find((site) => site.name === floor.building)?.id ?? null,
      sortOrder: index,
      plan: plan
        ? {
            mime: 'image/png',
            width: PLAN_WIDTH,
            height: PLAN_HEIGHT,
            size: plan.byteLength,
            updatedAt: now.toISOString(),
          }
        : null,
      version: 1,
    };
  });
  const zones: Zone[] = floors.flatMap((floor, floorIndex) =>
    DEMO_ZONES.map((zone, zoneIndex) => ({
      id: stableId(4, floorIndex * DEMO_ZONES.length + zoneIndex),
      floorId: floor.id,
      name: zone.name,
      color: zone.color,
      polygon: zone.polygon.map((point) => ({ ...point })),
      version: 1,
    })),
  );
  const zoneOf = (floorId: string | null, x: number) =>
    zones.filter((zone) => zone.floorId === floorId)[demoZoneOf(x)]?.id ?? null;
  const desks: Desk[] = company.desks.map((desk, index) => ({
    id: stableId(3, index),
    name: desk.name,
    mac: desk.mac,
    computerNames: desk.computerNames,
    floorId: floors.find((floor) => floor.name === desk.floor)?.id ?? null,
    x: desk.x,
    y: 0.3 + desk.y * 0.45,
    rotation: 0,
    zoneId: zoneOf(floors.find((floor) => floor.name === desk.floor)?.id ?? null, desk.x),
    enabled: true,
    bookable: true,
    version: 1,
  }));
  const tables: MockDeskState = {
    sites,
    floors,
    desks,
    zones,
    neighbourhoods: [],
    plans: new Map(
      floors.flatMap((floor, index) => (plans[index] ? [[floor.id, { bytes: plans[index], mime: 'image/png' }]] : [])),
    ),
  };

  // Whoever has a desk's phone in their device list sits there, since some time this morning.
  const random = seededRandom(7);
  const morning = new Date(now);
  morning.setHours(7, 30, 0, 0);
  // Arrivals run from 7:30 to 10:00; before ten, the people at their desks came in yesterday morning.
  if (now.getHours() < 10) morning.setDate(morning.getDate() - 1);
  const occupants: MockOccupancyState['occupants'] = new Map();
  for (const user of company.users) {
    for (const device of user.devices) {
      const desk = desks.find((candidate) => candidate.mac === device.hw);
      if (!desk) continue;
      const since = new Date(morning.getTime() + Math.floor(random() * 150) * 60_000);
      occupants.set(desk.id, {
        name: user.h323,
        since: since.toISOString(),
        method: random() < 0.8 ? 'desk' : 'computer',
      });
    }
  }
  return {
    api: createMockApiState(accountsOf(company)),
    tables,
    occupancy: {
      occupants,
      settings: { ...defaultSettings, version: 1, upgradeNotes: [] },
      tokens: new Map(),
      pins: new Set(),
      history: demoHistory(company, desks, now).map((session) => ({
        deskId: session.deskId,
        userName: session.userName,
        since: session.since,
        until: session.until,
      })),
      offlinePhones: new Set(),
      failingLogouts: new Map(),
      emergencies: new Map(),
      bookings: demoBookings(company, desks, now).map((booking, index) => {
        const desk = desks.find((candidate) => candidate.id === booking.deskId);
        const window = confirmationWindow(
          { start: booking.start.toISOString(), end: booking.end.toISOString() },
          defaultSettings.bookings,
        );
        return {
          id: stableId(6, index),
          deskId: booking.deskId,
          deskName: desk?.name ?? '',
          floorId: desk?.floorId ?? null,
          floorName: floors.find((floor) => floor.id === desk?.floorId)?.name ?? null,
          start: booking.start.toISOString(),
          end: booking.end.toISOString(),
          state: 'booked' as const,
          confirmFrom: window.start,
          confirmUntil: window.end,
          person: { name: booking.userName, displayName: booking.displayName },
          bookedBy: booking.userName,
          seriesId: booking.series,
        };
      }),
      calendarFeeds: new Map(),
      alerts: [],
      notices: demoNotices(now.getTime(), desks[0]?.name ?? 'B-2.14'),
      mail: { preferences: new Map(), outbox: demoOutbox(now.getTime(), desks[3]?.name ?? 'B-2.17') },
    },
  };
}
