import { checkinHandlers, createMockOccupancyState, type MockOccupancyState } from './checkin.ts';
import { createMockDeskState, deskHandlers, type MockDeskState } from './desks.ts';
import { createMockApiState, sessionHandlers, type MockApiState } from './session.ts';

/** Every mocked endpoint of the service, over one shared in-memory state. */
export function createHandlers(
  state: MockApiState = createMockApiState(),
  baseUrl = '',
  desks: MockDeskState = createMockDeskState(),
  occupancy: MockOccupancyState = createMockOccupancyState(),
) {
  return [
    ...sessionHandlers(state, baseUrl),
    ...deskHandlers(state, desks, baseUrl),
    ...checkinHandlers(state, desks, occupancy, baseUrl),
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
