import { deskInputSchema } from '../contract/desks.ts';
import { expect } from 'vitest';
import { settingsSchema, type SettingsValues } from '../contract/settings.ts';
import { demoCompany } from '../sim/demo-company.ts';
import type { TestClient } from './http-client.ts';
import { startHarness, type Harness } from './service-harness.ts';
import { insertDesk } from '../server/desks/desk-store.ts';

/** The check-in tests' world: the service with demo desks, signed-in clients, settings and PBX views. */

export const company = demoCompany();
let h: Harness | undefined;

/** For `afterEach`: stops the service a test started. */
export async function closeHarness(): Promise<void> {
  await h?.close();
  h = undefined;
}

/** The service with desks for the first `count` demo phones: D-000 … with PC-000 / TC-000 names. */
export async function setup(count = 60, options: Parameters<typeof startHarness>[0] = {}) {
  h = await startHarness(options);
  const harness = h;
  for (let index = 0; index < count; index += 1) {
    const phone = company.phones[index];
    if (!phone) break;
    const number = String(index).padStart(3, '0');
    await insertDesk(
      harness.service.db,
      deskInputSchema.parse({ name: `D-${number}`, mac: phone.mac, computerNames: [`PC-${number}`, `TC-${number}`] }),
    );
  }
  await harness.service.occupancy.reconcile();
  // Every free desk's phone on the desk's base object (the default), as at the service's start.
  await harness.service.occupancy.syncBaseObjects();
  const as = async (user: string) => {
    const client = harness.client();
    expect((await client.signIn(user, 'demo')).status).toBe(200);
    return client;
  };
  const admin = await as('admin');
  // The admin's session survives restarts; the client follows the service to its new address.
  const setSettings = async (change: (values: SettingsValues) => SettingsValues) => {
    const client = admin.at(harness.service.url);
    const current = settingsSchema.parse((await client.request('GET', '/settings')).body);
    const { version, ...values } = current;
    const answer = await client.request('PUT', '/settings', {
      body: change(values),
      headers: { 'If-Match': `"${version}"` },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  };
  const holderOf = (index: number) =>
    harness.simulator
      .holders()
      .get(company.phones[index]?.mac ?? '')
      ?.map((guid) => nameOf(guid));
  /** A person by login name; a desk's base object as `base`. */
  const nameOf = (guid: string) => company.users.find((user) => user.guid === guid)?.h323 ?? 'base';
  const free = (start: number) => {
    for (let index = start; index < company.phones.length; index += 1) {
      const holders = holderOf(index);
      if (!holders || holders.join() === 'base') return index;
    }
    throw new Error('no free phone');
  };
  return { harness, as, admin, setSettings, holderOf, free };
}

export const checkin = (client: TestClient, method: string, value: string, takeOver?: boolean) =>
  client.request('POST', '/checkin', { body: { method, value, ...(takeOver === undefined ? {} : { takeOver }) } });
