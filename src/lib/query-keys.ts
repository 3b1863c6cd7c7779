import type { InvalidateQueryFilters } from '@tanstack/react-query';
import type { LiveEvent } from '../../contract/events.ts';

/**
 * Every query key of the console, one factory per domain, generic → specific with a params object last
 * (TkDodo's "effective query keys"): `deskKeys.all` matches every desk query, `deskKeys.lists()` every
 * desk list, `deskKeys.list({ floorId })` one of them. Features build their queries on these, and the live
 * events invalidate by them (`liveInvalidations`), so what a change touches is written down once.
 */
export const sessionKeys = { all: ['session'] as const };

export const healthKeys = { all: ['health'] as const };

export const auditKeys = {
  all: ['audit'] as const,
  list: () => [...auditKeys.all, 'list'] as const,
};

export const deskKeys = {
  all: ['desks'] as const,
  lists: () => [...deskKeys.all, 'list'] as const,
  /** The whole table (no params), or one floor's desks with the unplaced ones (the floor editor). */
  list: (params: { floorId?: string } = {}) => [...deskKeys.lists(), params] as const,
};

export const floorKeys = {
  all: ['floors'] as const,
  list: () => [...floorKeys.all, 'list'] as const,
};

export const zoneKeys = {
  all: ['zones'] as const,
  lists: () => [...zoneKeys.all, 'list'] as const,
  /** One floor's zones (`{ floorId }`) or every zone (`{}`, the board's filter). */
  list: (params: { floorId?: string } = {}) => [...zoneKeys.lists(), params] as const,
};

export const occupancyKeys = {
  all: ['occupancy'] as const,
  board: () => [...occupancyKeys.all, 'board'] as const,
  /** The emergency notices to security (administrators). */
  notices: () => [...occupancyKeys.all, 'emergency-notices'] as const,
  /** The emergency alerts not yet acknowledged (helpdesk and administrators). */
  alerts: () => [...occupancyKeys.all, 'emergency-alerts'] as const,
};

export const siteKeys = {
  all: ['sites'] as const,
  list: () => [...siteKeys.all, 'list'] as const,
  pbxLocations: () => [...siteKeys.all, 'pbx-locations'] as const,
  withoutLocation: () => [...siteKeys.all, 'desks-without-location'] as const,
};

export const settingsKeys = {
  all: ['settings'] as const,
  current: () => [...settingsKeys.all, 'current'] as const,
};

/** How the office is used (history: not refetched by live events). */
export const insightsKeys = {
  all: ['insights'] as const,
  utilisation: (params: { from: string; to: string; groupBy: string; interval: string; floorId: string }) =>
    [...insightsKeys.all, 'utilisation', params] as const,
};

/** PBX users, as the person picker searches them. */
export const peopleKeys = {
  all: ['people'] as const,
  search: (params: { q: string }) => [...peopleKeys.all, 'search', params] as const,
};

/** Desk bookings: a range of one floor (or all), and which desks are free for a time. */
export const bookingKeys = {
  all: ['bookings'] as const,
  list: (params: { floorId: string; from: string; to: string }) => [...bookingKeys.all, 'list', params] as const,
  availability: (params: { floorId: string; q: string; from: string; to: string }) =>
    [...bookingKeys.all, 'availability', params] as const,
};

/** The signed-in employee's own data. */
export const meKeys = {
  all: ['me'] as const,
  desk: () => [...meKeys.all, 'desk'] as const,
  bookings: () => [...meKeys.all, 'bookings'] as const,
  tokens: () => [...meKeys.all, 'tokens'] as const,
  suggestions: (params: { q: string }) => [...meKeys.all, 'suggestions', params] as const,
  notifications: () => [...meKeys.all, 'notifications'] as const,
};

/** Under the bookings: a change of a neighbourhood comes as a bookings event (what may be booked changed). */
export const neighbourhoodKeys = {
  all: [...bookingKeys.all, 'neighbourhoods'] as const,
};

export const mailKeys = {
  all: ['mail'] as const,
  outbox: (params: { state: string }) => [...mailKeys.all, 'outbox', params] as const,
  message: (id: string) => [...mailKeys.all, 'message', id] as const,
};

/** Everything the service announces changes of: refetched after the event stream was away. */
export const liveKeys = [
  deskKeys.all,
  floorKeys.all,
  zoneKeys.all,
  occupancyKeys.all,
  siteKeys.all,
  settingsKeys.all,
  bookingKeys.all,
  meKeys.all,
  mailKeys.all,
] as const;

const exact = (queryKey: readonly unknown[]): InvalidateQueryFilters => ({ queryKey, exact: true });

/**
 * What one live event changes, as query filters: exactly the queries whose answer it can alter, and no
 * others (a zone drawn on one floor refetches that floor's zones and the list of all zones, not the desks).
 */
export function liveInvalidations(event: LiveEvent): InvalidateQueryFilters[] {
  switch (event.type) {
    case 'desks':
      // A desk's name, phone, floor or site line shows in the table, the editor, the board, the
      // employee's own session and the report of desks without a dispatchable location.
      return [
        { queryKey: deskKeys.lists() },
        exact(occupancyKeys.board()),
        exact(meKeys.desk()),
        exact(siteKeys.withoutLocation()),
      ];
    case 'floors':
      // Floor names show on the board and in the employee's session; a floor's site decides its desks' address.
      return [exact(floorKeys.list()), exact(meKeys.desk()), exact(siteKeys.withoutLocation())];
    case 'zones':
      return [exact(zoneKeys.list({ floorId: event.floorId })), exact(zoneKeys.list())];
    case 'occupancy':
      return [
        exact(occupancyKeys.board()),
        exact(meKeys.desk()),
        exact(occupancyKeys.notices()),
        { queryKey: [...bookingKeys.all, 'availability'] },
      ];
    case 'sites':
      return [exact(siteKeys.list()), exact(siteKeys.withoutLocation())];
    case 'settings':
      // The login methods an employee may use come with their desk.
      return [exact(settingsKeys.current()), exact(meKeys.desk())];
    case 'bookings':
      return [{ queryKey: bookingKeys.all }];
    case 'emergency':
      return [exact(occupancyKeys.alerts())];
    case 'mail':
      return [{ queryKey: mailKeys.all }];
    case 'me':
      // A person's check-in confirms their booking; a booking made, cancelled or released shows on My desk.
      return [exact(meKeys.desk()), exact(meKeys.bookings())];
    case 'pbx':
      // The header's PBX state, and what the PBX's state colours: phones registered on the board and My desk.
      return [{ queryKey: healthKeys.all }, exact(occupancyKeys.board()), exact(meKeys.desk())];
  }
}
