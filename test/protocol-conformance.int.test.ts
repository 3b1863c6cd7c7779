import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocClient, type Json } from './doc-client.ts';
import { demoCompany } from '../sim/demo-company.ts';
import { PbxSimulator } from '../sim/simulator.ts';

let simulator: PbxSimulator;
beforeAll(async () => {
  simulator = new PbxSimulator(demoCompany(), { port: 0, registrationDelayMs: 50 });
  await simulator.start();
});
afterAll(() => simulator.stop());

async function appClient(): Promise<DocClient> {
  const client = await DocClient.open(simulator.url);
  expect(await client.login({ app: 'hotdesk', sip: '' }, 'hotdesk-demo')).toMatchObject({
    mt: 'AppLoginResult',
    ok: true,
  });
  return client;
}

describe('the simulator, driven by a client written from the protocol document', () => {
  it('logs in App objects and users; a wrong digest gets no ok; a challenge works once', async () => {
    const client = await DocClient.open(simulator.url);
    const challenge = await client.call({ mt: 'AppChallenge' });
    expect(String(challenge.challenge)).toMatch(/^\d{16}$/);
    const wrong = await client.login({ app: 'hotdesk', sip: '' }, 'nope', String(challenge.challenge));
    expect(wrong.ok).toBeUndefined();
    expect(
      (await client.login({ app: 'hotdesk', sip: '' }, 'hotdesk-demo', String(challenge.challenge))).ok,
    ).toBeUndefined();
    expect((await client.login({ app: '', sip: 'user007' }, 'demo')).ok).toBe(true);
    client.close();
  });

  it('enumerates every user with SearchUsers, changes devices, and is refused a duplicate MAC', async () => {
    const client = await appClient();
    const users = new Map<string, Json>();
    let cn = '';
    for (;;) {
      const page = (await client.call({ api: 'PbxAdminApi', mt: 'SearchUsers', cn })).user as Json[];
      const fresh = page.filter((user) => !users.has(String(user.guid)));
      if (fresh.length === 0) break;
      for (const user of fresh) users.set(String(user.guid), user);
      cn = String(page.at(-1)?.cn);
    }
    expect(users.size).toBe(304);
    const find = (h323: string) => [...users.values()].find((user) => user.h323 === h323);
    const target = find('user042');

    const update = await client.call({
      api: 'PbxAdminApi',
      mt: 'UpdateObject',
      guid: target?.guid,
      devices: [{ hw: '009033fedcba', text: 'Hotdesk', app: 'phone' }],
    });
    expect(update.error).toBeUndefined();
    const object = await client.call({ api: 'PbxAdminApi', mt: 'GetObject', guid: target?.guid });
    expect(object.devices).toEqual([{ hw: '009033fedcba', text: 'Hotdesk', app: 'phone' }]);

    const duplicate = await client.call({
      api: 'PbxAdminApi',
      mt: 'UpdateObject',
      guid: find('user043')?.guid,
      devices: [{ hw: '009033FEDCBA', text: 'Hotdesk', app: 'phone' }],
    });
    expect(typeof duplicate.error).toBe('number');
    expect(duplicate.errorText).toMatch(/already used/);
    const byCn = await client.call({
      api: 'PbxAdminApi',
      mt: 'UpdateObject',
      guid: '*',
      cn: target?.cn,
      dn: 'Renamed',
    });
    expect(byCn.error).toBeUndefined();
    expect((await client.call({ api: 'PbxAdminApi', mt: 'GetObject', cn: target?.cn })).dn).toBe('Renamed');
    client.close();
  });

  it('replicates the user table and pushes its own change back to it', async () => {
    const client = await appClient();
    const start = client.send({
      api: 'PbxTableUsers',
      mt: 'ReplicateStart',
      add: true,
      del: true,
      columns: { guid: {}, cn: {}, h323: {}, e164: {}, dn: {}, devices: { update: true } },
      pseudo: [''],
    });
    await client.next((message) => message.mt === 'ReplicateStartResult' && message.src === start);
    const rows: Json[] = [];
    for (;;) {
      const next = await client.call({ api: 'PbxTableUsers', mt: 'ReplicateNext' });
      if (next.columns === undefined) break;
      rows.push(next.columns as Json);
    }
    expect(rows).toHaveLength(304);
    const row = rows.find((candidate) => candidate.h323 === 'user050');
    await client.call({
      api: 'PbxAdminApi',
      mt: 'UpdateObject',
      guid: row?.guid,
      devices: [{ hw: '009033abab01', text: 'x' }],
    });
    const pushed = await client.next((message) => message.mt === 'ReplicateUpdate');
    expect(pushed).toMatchObject({
      api: 'PbxTableUsers',
      src: start,
      columns: { guid: row?.guid, devices: [{ hw: '009033abab01', text: 'x' }] },
    });
    client.close();
  });

  it('lists registrations (GetRegs) and sends RCC UserInfo for every user, paced, then updates', async () => {
    const client = await appClient();
    const holder = demoCompany().users.find((user) => user.devices.some((device) => device.app === 'phone'));
    const regs = await client.call({ api: 'PbxAdminApi', mt: 'GetRegs', guid: holder?.guid });
    expect(regs.cn).toBe(holder?.cn);
    expect((regs.regs as Json[]).map((reg) => reg.hw)).toContain(
      holder?.devices.find((device) => device.app === 'phone')?.hw,
    );

    const started = Date.now();
    const src = client.send({ api: 'RCC', mt: 'Initialize' });
    const infos: Json[] = [];
    for (let count = 0; count < 304; count += 1)
      infos.push(await client.next((message) => message.mt === 'UserInfo' && message.update === undefined));
    await client.next((message) => message.mt === 'InitializeResult' && message.src === src);
    // 304 users at 50 per 20 ms tick: at least 6 ticks after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(infos.every((info) => info.src === src)).toBe(true);
    // A present `regs` means registered: an unregistered user's UserInfo has none (RCC.htm).
    expect(infos.every((info) => info.regs === undefined || (Array.isArray(info.regs) && info.regs.length > 0))).toBe(
      true,
    );
    expect(infos.some((info) => info.regs === undefined)).toBe(true);

    const user = infos.find((info) => info.h323 === 'user060');
    await client.call({
      api: 'PbxAdminApi',
      mt: 'UpdateObject',
      guid: user?.guid,
      devices: [{ hw: demoCompany().phones.at(-20)?.mac, text: 'Hotdesk', app: 'phone' }],
    });
    const registered = await client.next(
      (message) =>
        message.mt === 'UserInfo' &&
        message.guid === user?.guid &&
        Array.isArray(message.regs) &&
        (message.regs as Json[]).length > 0,
    );
    expect(registered.update).toBeDefined();
    const devices = await client.call({ api: 'RCC', mt: 'Devices', cn: user?.cn });
    expect(devices.devices).toEqual([{ hw: demoCompany().phones.at(-20)?.mac, text: 'Hotdesk' }]);
    client.close();
  });

  it('refuses an API the App object was not granted, and requests before login', async () => {
    const client = await DocClient.open(simulator.url);
    expect((await client.call({ api: 'PbxAdminApi', mt: 'GetObject', cn: 'x' })).error).toBeDefined();
    await client.login({ app: '', sip: 'user008' }, 'demo');
    expect((await client.call({ api: 'PbxAdminApi', mt: 'GetObject', cn: 'x' })).errorText).toMatch(/not granted/);
    client.close();
  });
});
