import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_APP, demoCompany, generateCompany } from '../../sim/demo-company.ts';
import { PbxSimulator } from '../../sim/simulator.ts';
import { waitFor } from '../../test/service-harness.ts';
import { AppWebsocketConnection, PbxLoginRefusedError, PbxRequestError } from './app-websocket.ts';
import { InnovaphonePbx } from './innovaphone.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulatorWith(company = demoCompany()): Promise<PbxSimulator> {
  const simulator = new PbxSimulator(company, { port: 0 });
  await simulator.start();
  cleanups.push(() => simulator.stop());
  return simulator;
}

function adapterFor(simulator: PbxSimulator, password = DEMO_APP.password): InnovaphonePbx {
  const pbx = new InnovaphonePbx({
    url: simulator.url,
    app: DEMO_APP.name,
    password,
    reconnectInitialMs: 20,
    reconnectMaxMs: 100,
  });
  pbx.start();
  cleanups.push(() => pbx.stop());
  return pbx;
}

const appIdentity = { app: DEMO_APP.name, domain: '', sip: '', guid: '', dn: '' };

async function otherAdmin(simulator: PbxSimulator): Promise<AppWebsocketConnection> {
  const connection = await AppWebsocketConnection.open(simulator.url, appIdentity, DEMO_APP.password, {
    timeoutMs: 10_000,
  });
  cleanups.push(() => Promise.resolve(connection.close()));
  return connection;
}

describe('InnovaphonePbx against the simulator', () => {
  it('replicates the whole user table, with groups and devices', async () => {
    const simulator = await simulatorWith();
    const pbx = adapterFor(simulator);
    await waitFor(() => pbx.status().replicaLoaded);
    expect(pbx.status()).toMatchObject({ state: 'connected', users: 304, lastError: null });
    const admin = await pbx.findUser('ADMIN');
    expect(admin).toMatchObject({ name: 'admin', displayName: 'Sabine Krüger', groups: ['hotdesk-admin'] });
    const user = await pbx.findUser('user001');
    expect(user?.devices[0]).toEqual({ hw: 'softphone-user001', text: 'Softphone', app: 'softphone' });
  });

  it('loads 10,000 users', async () => {
    const simulator = await simulatorWith(
      generateCompany({ seed: 7, employees: 10_000, phones: 100, occupied: 0, offline: 0 }),
    );
    const pbx = adapterFor(simulator);
    await waitFor(() => pbx.status().replicaLoaded, 20_000);
    expect(pbx.status().users).toBe(10_004);
    expect(await pbx.findUser('user09999')).not.toBeNull();
  });

  it('sees a change another administrator makes on the PBX', async () => {
    const simulator = await simulatorWith();
    const pbx = adapterFor(simulator);
    await waitFor(() => pbx.status().replicaLoaded);
    const other = await otherAdmin(simulator);
    const target = await pbx.findUser('user002');
    await other.request('PbxAdminApi', 'UpdateObject', {
      guid: target?.guid,
      devices: [{ hw: '009033aabbcc', text: 'Hotdesk', app: 'phone' }],
    });
    await waitFor(async () => (await pbx.findUser('user002'))?.devices[0]?.hw === '009033aabbcc');
  });

  it('verifies user passwords through a user login, without storing them', async () => {
    const simulator = await simulatorWith();
    const pbx = adapterFor(simulator);
    await expect(pbx.verifyUserPassword('user001', 'demo')).resolves.toBe(true);
    await expect(pbx.verifyUserPassword('user001', 'Demo')).resolves.toBe(false);
    await expect(pbx.verifyUserPassword('nobody', 'demo')).resolves.toBe(false);
  });

  it("stays disconnected and says, at every retry, that the PBX refused the App object's password", async () => {
    const simulator = await simulatorWith();
    const pbx = adapterFor(simulator, 'wrong');
    await waitFor(() => pbx.status().lastError !== null);
    const refused = /The PBX refused the App object's login: check PBX_APP \(hotdesk\) and PBX_PASSWORD/;
    expect(pbx.status()).toMatchObject({ state: 'disconnected', lastError: expect.stringMatching(refused) });
    expect(pbx.status().pbxs.every((link) => refused.test(link.lastError ?? ''))).toBe(true);
  });

  it('reconnects after the PBX restarts and resynchronises what changed meanwhile', async () => {
    const simulator = await simulatorWith();
    const pbx = adapterFor(simulator);
    await waitFor(() => pbx.status().replicaLoaded);
    await simulator.stop();
    await waitFor(() => pbx.status().state === 'disconnected');
    expect(await pbx.findUser('user003')).not.toBeNull();
    await simulator.start();
    const other = await otherAdmin(simulator);
    const user = await pbx.findUser('user003');
    await other.request('PbxAdminApi', 'DeleteObject', { guid: user?.guid });
    await waitFor(() => pbx.status().state === 'connected');
    await waitFor(async () => (await pbx.findUser('user003')) === null);
  });
});

describe('the simulator, as the protocol document describes the PBX', () => {
  it('refuses a wrong digest with an AppLoginResult without ok', async () => {
    const simulator = await simulatorWith();
    await expect(
      AppWebsocketConnection.open(simulator.url, appIdentity, 'not-the-password', { timeoutMs: 2000 }),
    ).rejects.toBeInstanceOf(PbxLoginRefusedError);
  });

  it('refuses an API the App object was not granted', async () => {
    const company = demoCompany();
    company.appObjects = [{ ...DEMO_APP, apis: ['PbxTableUsers'] }];
    const simulator = await simulatorWith(company);
    const connection = await otherAdmin(simulator);
    await expect(connection.request('PbxAdminApi', 'GetObject', { cn: 'Sabine Krüger' })).rejects.toBeInstanceOf(
      PbxRequestError,
    );
  });

  it('never puts one hardware id on two objects, and changes nothing when refused', async () => {
    const simulator = await simulatorWith();
    const connection = await otherAdmin(simulator);
    const holder = simulator.user('user001');
    const other = simulator.user('user002');
    const mac = holder?.devices.find((device) => device.app === 'phone')?.hw;
    expect(mac).toMatch(/^009033[0-9a-f]{6}$/);
    await expect(
      connection.request('PbxAdminApi', 'UpdateObject', { guid: other?.guid, devices: [{ hw: mac, text: 'x' }] }),
    ).rejects.toThrow(/already used by/);
    expect(simulator.user('user002')?.devices).toEqual(other?.devices);
  });

  it('enumerates every user with SearchUsers, 20 at a time', async () => {
    const simulator = await simulatorWith();
    const connection = await otherAdmin(simulator);
    const seen = new Map<string, string>();
    let start = '';
    for (;;) {
      const page = (await connection.request('PbxAdminApi', 'SearchUsers', { cn: start })).user as {
        cn: string;
        guid: string;
      }[];
      expect(page.length).toBeLessThanOrEqual(20);
      const fresh = page.filter((user) => !seen.has(user.guid));
      if (fresh.length === 0) break;
      for (const user of fresh) seen.set(user.guid, user.cn);
      start = page.at(-1)?.cn ?? '';
    }
    expect(seen.size).toBe(304);
  });
});
