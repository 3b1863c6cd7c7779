import { createMockDeskState, deskHandlers, type MockDeskState } from './desks.ts';
import { createMockApiState, sessionHandlers, type MockApiState } from './session.ts';

/** Every mocked endpoint of the service, over one shared in-memory state. */
export function createHandlers(
  state: MockApiState = createMockApiState(),
  baseUrl = '',
  desks: MockDeskState = createMockDeskState(),
) {
  return [...sessionHandlers(state, baseUrl), ...deskHandlers(state, desks, baseUrl)];
}

export { createMockApiState, createMockDeskState, type MockApiState, type MockDeskState };
