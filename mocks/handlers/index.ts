import { createMockApiState, sessionHandlers, type MockApiState } from './session.ts';

/** Every mocked endpoint of the service, over one shared in-memory state. */
export function createHandlers(state: MockApiState = createMockApiState(), baseUrl = '') {
  return [...sessionHandlers(state, baseUrl)];
}

export { createMockApiState, type MockApiState };
