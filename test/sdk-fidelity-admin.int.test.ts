import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APP, demoCompany } from '../sim/demo-company.ts';
import { PbxSimulator } from '../sim/simulator.ts';
import { appClientOf, pbxAdmin as admin, withoutSrc, DocClient, type Json } from './doc-client.ts';

/**
 * (Part 1: PbxAdminApi and the AppWebsocket login.) The simulator held to the SDK documents (PbxAdminApi.htm, Replication.htm, PbxTableUsers.htm, RCC.htm,
 * myApps.htm) and to what innovaphone's own clients send (Connection.js, the PHP AppWebsocket library).
 */
let simulator: PbxSimulator;
const company = demoCompany();
beforeAll(async () => {
  simulator = new PbxSimulator(company, { port: 0, registrationDelayMs: 20 });
  await simulator.start();
  simulator.setAppUrl(DEMO_APP.name, 'http://localhost:9/myapps');
});
afterAll(() => simulator.stop());

const appClient = () => appClientOf(simulator.url);

describe('PbxAdminApi as PbxAdminApi.htm documents it', () => {
  it('SearchUsers starts after the given cn (at it only with includeMatch), 20 at most, and ends with an empty answer', async () => {
    const client = await appClient();
    const seen: Json[] = [];
    let cn = '';
    for (let page = 0; page < 100; page += 1) {
      const users = (await admin(client, 'SearchUsers', { cn })).user as Json[];
      expect(users.length).toBeLessThanOrEqual(20);
      if (users.length === 0) break;
      expect(users[0]?.cn).not.toBe(cn);
      seen.push(...users);
      cn = String(users.at(-1)?.cn);
    }
    expect(seen).toHaveLength(304);
    expect(new Set(seen.map((user) => user.guid)).size).toBe(304);
    // Only user and executive objects: the App object is no user.
    expect(seen.some((user) => user.h323 === DEMO_APP.name)).toBe(false);
    const third = seen[2];
    const after = (await admin(client, 'SearchUsers', { cn: third?.cn })).user as Json[];
    expect(after[0]?.guid).toBe(seen[3]?.guid);
    const including = (await admin(client, 'SearchUsers', { cn: third?.cn, includeMatch: true })).user as Json[];
    expect(including[0]?.guid).toBe(third?.guid);
    client.close();
  });

  it('GetObject finds an object by guid, cn or h323 and shows every documented property, the password only encrypted', async () => {
    const client = await appClient();
    const person = company.users.find((user) => user.h323 === 'user012');
    const byGuid = await admin(client, 'GetObject', { guid: person?.guid });
    expect(withoutSrc(await admin(client, 'GetObject', { cn: person?.cn }))).toEqual(withoutSrc(byGuid));
    expect(await admin(client, 'GetObject', { h323: 'user012' })).toMatchObject({ guid: person?.guid });
    for (const property of [
      'guid',
      'cn',
      'dn',
      'h323',
      'e164',
      'pwd',
      'loc',
      'node',
      'config',
      'apps',
      'hide',
      'devices',
      'grp',
    ])
      expect(byGuid).toHaveProperty(property);
    expect(byGuid.pwd).not.toBe(person?.password);
    expect(byGuid.apps).toContain(DEMO_APP.name);
    const app = await admin(client, 'GetObject', { h323: DEMO_APP.name });
    expect(app.pseudo).toMatchObject({ type: 'app', url: 'http://localhost:9/myapps' });
    expect(await admin(client, 'GetObject', { h323: 'nobody' })).toMatchObject({ error: expect.any(Number) });
    client.close();
  });

  it('UpdateObject applies each documented property present, leaves the others, and creates without guid', async () => {
    const client = await appClient();
    const person = company.users.find((user) => user.h323 === 'user013');
    const before = withoutSrc(await admin(client, 'GetObject', { guid: person?.guid }));
    const update = await admin(client, 'UpdateObject', {
      guid: person?.guid,
      e164: '4713',
      loc: 'branch',
      node: 'berlin',
      config: 'Visitors',
      hide: true,
      cfnr: 25,
      voicemail: true,
      cds: [{ type: 'cfu', ep: [{ e164: '200' }] }],
    });
    expect(update.error).toBeUndefined();
    const after = withoutSrc(await admin(client, 'GetObject', { guid: person?.guid }));
    expect(after).toMatchObject({
      e164: '4713',
      loc: 'branch',
      node: 'berlin',
      config: 'Visitors',
      hide: true,
      cfnr: 25,
    });
    expect(after).toMatchObject({ voicemail: true, cds: [{ type: 'cfu', ep: [{ e164: '200' }] }] });
    expect({ ...after, e164: 0, loc: 0, node: 0, config: 0, hide: 0, cfnr: 0, voicemail: 0, cds: 0 }).toEqual({
      ...before,
      e164: 0,
      loc: 0,
      node: 0,
      config: 0,
      hide: 0,
      cfnr: 0,
      voicemail: 0,
      cds: 0,
    });
    // A boolean sent as an integer removes it (the template's value applies).
    await admin(client, 'UpdateObject', { guid: person?.guid, voicemail: -1 });
    expect(await admin(client, 'GetObject', { guid: person?.guid })).not.toHaveProperty('voicemail');

    const created = await admin(client, 'UpdateObject', { cn: 'Conference Room 1', h323: 'conf1', e164: '777' });
    expect(created.guid).toMatch(/^[0-9a-f]{32}$/);
    expect(await admin(client, 'GetObject', { guid: created.guid })).toMatchObject({
      cn: 'Conference Room 1',
      e164: '777',
    });
    const duplicate = await admin(client, 'UpdateObject', { cn: 'Conference Room 1', h323: 'conf2' });
    expect(duplicate.error).toEqual(expect.any(Number));
    client.close();
  });

  it('copies an App object as innovaphone’s PHP sample does: GetObject by h323, UpdateObject of the result without guid', async () => {
    const client = await appClient();
    const original = await admin(client, 'GetObject', { h323: DEMO_APP.name });
    const { guid: _guid, devices: _devices, src: _src, ...copy } = original;
    const created = await client.call({
      ...copy,
      _sourcename: 'AppObjectCreator',
      mt: 'UpdateObject',
      h323: `${DEMO_APP.name}-clone`,
      cn: `${String(original.cn)} (clone)`,
    });
    expect(created.guid).toMatch(/^[0-9a-f]{32}$/);
    // The encrypted pwd went along: the clone logs in with the original's password.
    const clone = await DocClient.open(simulator.url);
    expect((await clone.loginAs({ app: `${DEMO_APP.name}-clone` }, DEMO_APP.password)).ok).toBe(true);
    clone.close();
    client.close();
  });

  it('takes a device with the documented fields and any it does not know, keeps them all, and refuses wrong types unchanged', async () => {
    const client = await appClient();
    const guid = company.users.find((user) => user.h323 === 'user014')?.guid;
    const before = await admin(client, 'GetObject', { guid });
    const good = {
      hw: '009033aa0001',
      text: 'Desk',
      app: 'phone',
      admin: false,
      'no-filter': true,
      tls: false,
      'no-mob': false,
      trusted: true,
      // PbxTableUsers' devices table has these too (Single Registration, Media Relay, …), and a PBX may add more.
      sreg: true,
      mr: false,
      voip: 'G722',
      'gk-id': 'gk',
      prim: 'master',
      'some-future-field': 3,
    };
    expect((await admin(client, 'UpdateObject', { guid, devices: [good] })).error).toBeUndefined();
    expect((await admin(client, 'GetObject', { guid })).devices).toEqual([good]);
    for (const bad of [
      [{ ...good, sreg: 'yes' }],
      [{ ...good, tls: 'yes' }],
      [{ text: 'no hw' }],
      [{ ...good, hw: 12 }],
      ['009033aa0002'],
      { hw: '009033aa0003' },
    ]) {
      const answer = await admin(client, 'UpdateObject', { guid, devices: bad, dn: 'Changed' });
      expect(answer).toMatchObject({ error: expect.any(Number), errorText: expect.any(String) });
    }
    expect(await admin(client, 'GetObject', { guid })).toEqual({ ...before, devices: [good], src: expect.any(String) });
    client.close();
  });
});

describe('AppWebsocket login and keep-alive as innovaphone’s clients send them', () => {
  it('logs an App object in with the fields of Connection.js, of the RCC sample, of the PHP library and with empty fields', async () => {
    const forms = [
      { app: DEMO_APP.name, domain: '', sip: DEMO_APP.name, guid: '0'.repeat(32), dn: 'Admin' },
      { app: DEMO_APP.name },
      { app: DEMO_APP.name, domain: '', sip: '', guid: '', dn: '', info: {} },
      { app: DEMO_APP.name, domain: '', sip: '', guid: '', dn: '' },
    ];
    for (const fields of forms) {
      const client = await DocClient.open(simulator.url);
      expect((await client.loginAs(fields, DEMO_APP.password)).ok).toBe(true);
      expect((await admin(client, 'GetObject', { h323: 'user001' })).error).toBeUndefined();
      client.close();
    }
    const wrong = await DocClient.open(simulator.url);
    expect((await wrong.loginAs(forms[0] ?? {}, 'wrong')).ok).toBeUndefined();
    wrong.close();
  });

  it('takes KeepAlive without an answer (none is documented), never with an error; answers a WebSocket ping', async () => {
    const client = await DocClient.open(simulator.url);
    client.send({ mt: 'KeepAlive' });
    await client.loginAs({ app: DEMO_APP.name }, DEMO_APP.password);
    client.send({ mt: 'KeepAlive' });
    // Whatever comes next answers this request, not the KeepAlives.
    expect((await admin(client, 'GetObject', { h323: 'user001' })).mt).toBe('GetObjectResult');
    expect(
      client
        .received()
        .filter(
          (message) =>
            message.mt !== 'GetObjectResult' && message.mt !== 'AppChallengeResult' && message.mt !== 'AppLoginResult',
        ),
    ).toEqual([]);
    expect(await client.ping()).toBe(true);
    client.close();
  });

  it('answers KeepAlive with KeepAliveResult where the behaviour says so', async () => {
    const answering = new PbxSimulator(demoCompany(), { port: 0, behaviour: { keepAlive: 'answered' } });
    await answering.start();
    const client = await DocClient.open(answering.url);
    expect(await client.call({ mt: 'KeepAlive' })).toEqual({ mt: 'KeepAliveResult', src: expect.any(String) });
    client.close();
    await answering.stop();
  });
});
