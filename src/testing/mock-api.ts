import { setupServer } from 'msw/node';
import {
  createHandlers,
  createMockApiState,
  createMockDeskState,
  createMockOccupancyState,
  type MockApiState,
  type MockDeskState,
  type MockOccupancyState,
} from '../../mocks/handlers/index.ts';
import { openMockSession } from '../../mocks/handlers/session.ts';

/**
 * One msw server for all component tests, over a state each test starts fresh. jsdom's fetch keeps no
 * cookie jar, so the jar lives here: Set-Cookie from a mocked answer is replayed on later requests,
 * the way a browser would.
 */
let state: MockApiState = createMockApiState();
let desks: MockDeskState = createMockDeskState();
let occupancy: MockOccupancyState = createMockOccupancyState();
let cookieJar: string | null = null;

const server = setupServer(...createHandlers(state, 'http://localhost:3000', desks, occupancy));

server.events.on('request:start', ({ request }) => {
  if (cookieJar !== null) request.headers.set('cookie', cookieJar);
});
server.events.on('response:mocked', ({ response }) => {
  const setCookie = response.headers.get('set-cookie');
  if (setCookie === null) return;
  const [pair] = setCookie.split(';');
  cookieJar = pair === undefined || pair.endsWith('=') ? null : pair;
});

export const mockApi = {
  server,
  get state(): MockApiState {
    return state;
  },
  get desks(): MockDeskState {
    return desks;
  },
  get occupancy(): MockOccupancyState {
    return occupancy;
  },
  reset(): void {
    state = createMockApiState();
    desks = createMockDeskState();
    occupancy = createMockOccupancyState();
    cookieJar = null;
    server.resetHandlers(...createHandlers(state, 'http://localhost:3000', desks, occupancy));
  },
  /** Signed in as `username` (a session and its cookie), as if the sign-in form had been used. */
  signInAs(username: string): void {
    cookieJar = `hotdesk_session=${openMockSession(state, username)}`;
  },
  /** Forget the session on the "server" side, as an expiry does. */
  expireSessions(): void {
    state.sessions.clear();
  },
};
