import { analyticsHandlers } from './analytics.ts';
import { bookingHandlers } from './bookings.ts';
import { checkinHandlers, createMockOccupancyState, type MockOccupancyState } from './checkin.ts';
import { createMockDeskState, deskHandlers, type MockDeskState } from './desks.ts';
import { floorHandlers } from './floors.ts';
import { mailHandlers } from './mail.ts';
import { neighbourhoodHandlers } from './neighbourhoods.ts';
import { noticeHandlers } from './notices.ts';
import { pbxHandlers } from './pbx.ts';
import { createMockApiState, sessionHandlers, type MockApiState } from './session.ts';
import { siteHandlers } from './sites.ts';

/** Every endpoint of the service the console uses, over one shared in-memory state. */
export function createHandlers(
  state: MockApiState = createMockApiState(),
  baseUrl = '',
  desks: MockDeskState = createMockDeskState(),
  occupancy: MockOccupancyState = createMockOccupancyState(),
) {
  return [
    ...sessionHandlers(state, baseUrl, () => occupancy.settings.privacy.aggregateOnly),
    ...deskHandlers(state, desks, occupancy, baseUrl),
    ...floorHandlers(state, desks, baseUrl),
    ...siteHandlers(state, desks, baseUrl),
    ...neighbourhoodHandlers(state, desks, baseUrl),
    ...checkinHandlers(state, desks, occupancy, baseUrl),
    ...analyticsHandlers(state, desks, occupancy, baseUrl),
    ...pbxHandlers(state, baseUrl),
    ...noticeHandlers(state, occupancy, baseUrl),
    ...bookingHandlers(state, desks, occupancy, baseUrl),
    ...mailHandlers(state, occupancy, occupancy.mail, baseUrl),
  ];
}

export {
  createMockApiState,
  createMockDeskState,
  createMockOccupancyState,
  type MockApiState,
  type MockDeskState,
  type MockOccupancyState,
};
