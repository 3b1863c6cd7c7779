import { request, type APIRequestContext } from '@playwright/test';
import { E2E_PORT } from '../playwright.config.ts';

/** A signed-in API client for seeding fixtures the way a script would (cookie + CSRF token). */
export async function apiAs(
  username: string,
  password = 'demo',
): Promise<{ api: APIRequestContext; csrf: Record<string, string> }> {
  const api = await request.newContext({ baseURL: `http://127.0.0.1:${E2E_PORT}` });
  const response = await api.post('/api/v1/session', { data: { username, password } });
  if (!response.ok()) throw new Error(`sign-in as ${username} failed: ${response.status()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { api, csrf: { 'X-CSRF-Token': csrfToken } };
}

export const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1000).toString(36)}`.toUpperCase();

/** A random MAC with the innovaphone OUI. */
export const randomMac = () =>
  `009033${Array.from({ length: 6 }, () => Math.floor(Math.random() * 16).toString(16)).join('')}`;

/** The occupancy board as helpdesk sees it, through one API session per test file (polls sign in once). */
let helpdeskApi: ReturnType<typeof apiAs> | undefined;
export async function boardRows<Row>(): Promise<Row[]> {
  helpdeskApi ??= apiAs('helpdesk');
  const { api } = await helpdeskApi;
  return ((await (await api.get('/api/v1/occupancy')).json()) as { desks: Row[] }).desks;
}
