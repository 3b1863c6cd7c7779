import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_APP, demoCompany } from '../mocks/pbx/demo-company.ts';
import { PbxSimulator } from '../mocks/pbx/simulator.ts';
import { DocClient, sha256, type Json } from './doc-client.ts';

/**
 * The simulator held to the SDK documents (PbxAdminApi.htm, Replication.htm, PbxTableUsers.htm, RCC.htm,
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

async function appClient(): Promise<DocClient> {
  const client = await DocClient.open(simulator.url);
  expect((await client.loginAs({ app: DEMO_APP.name }, DEMO_APP.password)).ok).toBe(true);
  return client;
}

const admin = (client: DocClient, mt: string, body: Json = {}) => client.call({ api: 'PbxAdminApi', mt, ...body });
const withoutSrc = ({ src: _src, ...rest }: Json) => rest;

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
    expect(seen).toHaveLength(303);
    expect(new Set(seen.map((user) => user.guid)).size).toBe(303);
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

  it('takes a device with exactly hw, text, app, admin, no-filter, tls, no-mob, trusted and refuses anything else unchanged', async () => {
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
    };
    expect((await admin(client, 'UpdateObject', { guid, devices: [good] })).error).toBeUndefined();
    expect((await admin(client, 'GetObject', { guid })).devices).toEqual([good]);
    for (const bad of [
      [{ ...good, sreg: true }],
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

  it('answers KeepAlive with KeepAliveResult, never with an error', async () => {
    const client = await DocClient.open(simulator.url);
    expect(await client.call({ mt: 'KeepAlive' })).toEqual({ mt: 'KeepAliveResult', src: expect.any(String) });
    await client.loginAs({ app: DEMO_APP.name }, DEMO_APP.password);
    const answer = await client.call({ mt: 'KeepAlive' });
    expect(answer.mt).toBe('KeepAliveResult');
    expect(answer.error).toBeUndefined();
    client.close();
  });
});

describe('PbxTableUsers replication as Replication.htm documents it', () => {
  async function replicate(client: DocClient, start: Json): Promise<{ src: string; rows: Json[] }> {
    const src = client.send({ api: 'PbxTableUsers', mt: 'ReplicateStart', add: true, del: true, ...start });
    await client.next((message) => message.mt === 'ReplicateStartResult' && message.src === src);
    const rows: Json[] = [];
    for (;;) {
      const next = await client.call({ api: 'PbxTableUsers', mt: 'ReplicateNext' });
      if (next.columns === undefined) break;
      rows.push(next.columns as Json);
    }
    return { src, rows };
  }

  it('delivers the columns asked for (node, loc, pseudo, hide included) and applies the pseudo filter', async () => {
    const client = await appClient();
    const columns = { guid: {}, h323: {}, node: {}, loc: {}, pseudo: {}, hide: {}, grps: {}, devices: {} };
    const all = await replicate(client, { columns });
    expect(all.rows.find((row) => row.h323 === DEMO_APP.name)).toMatchObject({ pseudo: 'app' });
    const user = all.rows.find((row) => row.h323 === 'user020');
    expect(Object.keys(user ?? {}).sort()).toEqual(Object.keys(columns).sort());
    expect(user).toMatchObject({ node: 'root', loc: 'master', pseudo: '', hide: false });
    client.close();
    const filtered = await appClient();
    const users = await replicate(filtered, { columns, pseudo: [''] });
    expect(users.rows.some((row) => row.h323 === DEMO_APP.name)).toBe(false);
    expect(users.rows.length).toBe(all.rows.length - 2);
    filtered.close();
  });

  it('takes a replicator’s own ReplicateUpdate, ReplicateAdd and ReplicateDel and tells the other replicators', async () => {
    const writer = await appClient();
    const reader = await appClient();
    const columns = { guid: {}, h323: {}, cn: {}, dn: {}, devices: { update: true } };
    const written = await replicate(writer, { columns, pseudo: [''] });
    const watched = await replicate(reader, { columns, pseudo: [''] });
    const row = written.rows.find((candidate) => candidate.h323 === 'user021');
    writer.send({ api: 'PbxTableUsers', mt: 'ReplicateUpdate', columns: { guid: row?.guid, dn: 'Replicated Name' } });
    const pushed = await reader.next((message) => message.mt === 'ReplicateUpdate' && message.src === watched.src);
    expect(pushed.columns).toMatchObject({ guid: row?.guid, dn: 'Replicated Name' });
    expect((await admin(reader, 'GetObject', { guid: row?.guid })).dn).toBe('Replicated Name');

    writer.send({
      api: 'PbxTableUsers',
      mt: 'ReplicateAdd',
      columns: { cn: 'Replicated Person', h323: 'replicated1' },
    });
    const added = await reader.next((message) => message.mt === 'ReplicateAdd');
    const guid = (added.columns as Json).guid;
    expect(guid).toMatch(/^[0-9a-f]{32}$/);
    writer.send({ api: 'PbxTableUsers', mt: 'ReplicateDel', columns: { guid } });
    expect((await reader.next((message) => message.mt === 'ReplicateDel')).columns).toEqual({ guid });
    expect((await admin(reader, 'GetObject', { guid })).error).toEqual(expect.any(Number));

    writer.send({ api: 'PbxTableUsers', mt: 'ReplicateUpdate', columns: { guid: row?.guid, devices: [{ hw: 1 }] } });
    const refused = await writer.next((message) => message.mt === 'ReplicateUpdateResult');
    expect(refused).toMatchObject({ error: expect.any(Number), errorText: expect.stringContaining('hw') });
    writer.close();
    reader.close();
  });
});

describe('RCC as RCC.htm documents it', () => {
  async function initialize(client: DocClient): Promise<{ src: string; users: Json[] }> {
    const src = client.send({ api: 'RCC', mt: 'Initialize' });
    const users: Json[] = [];
    for (;;) {
      const message = await client.next((candidate) => candidate.src === src);
      if (message.mt === 'InitializeResult') return { src, users };
      users.push(message);
    }
  }

  it('shows an App object only the users with access to its App, and follows access changes', async () => {
    const client = await appClient();
    const guid = company.users.find((user) => user.h323 === 'user030')?.guid;
    await admin(client, 'UpdateObject', { guid, apps: 'phone' });
    const { src, users } = await initialize(client);
    expect(users.some((user) => user.guid === guid)).toBe(false);
    expect(users.length).toBe(302);
    await admin(client, 'UpdateObject', { guid, apps: `phone,${DEMO_APP.name}` });
    expect(await client.next((message) => message.src === src && message.guid === guid)).toMatchObject({
      update: 'add',
    });
    await admin(client, 'UpdateObject', { guid, apps: 'phone' });
    expect(await client.next((message) => message.src === src && message.guid === guid)).toMatchObject({
      update: 'del',
    });
    client.close();
  });

  it('sends UserInfo for every change of a user, a dn change included', async () => {
    const client = await appClient();
    const { src } = await initialize(client);
    const guid = company.users.find((user) => user.h323 === 'user031')?.guid;
    await admin(client, 'UpdateObject', { guid, dn: 'New Display Name' });
    const info = await client.next((message) => message.src === src && message.guid === guid);
    expect(info).toMatchObject({ mt: 'UserInfo', update: 'upd', dn: 'New Display Name' });
    client.close();
  });

  it('sends the user list and later updates also to an Initialize without src, as the PHP RCC sample sends it', async () => {
    const client = await appClient();
    client.sendWithoutSrc({ api: 'RCC', mt: 'Initialize' });
    await client.next((message) => message.mt === 'InitializeResult', 5000);
    const guid = company.users.find((user) => user.h323 === 'user033')?.guid;
    await admin(client, 'UpdateObject', { guid, dn: 'Seen Without Src' });
    const info = await client.next(
      (message) => message.mt === 'UserInfo' && message.guid === guid && message.update !== undefined,
    );
    expect(info).toMatchObject({ dn: 'Seen Without Src', update: 'upd' });
    expect(info).not.toHaveProperty('src');
    client.close();
  });

  it('UserInitialize monitors a visible user and answers with a handle; UserEnd ends it', async () => {
    const client = await appClient();
    const cn = company.users.find((user) => user.h323 === 'user032')?.cn;
    const started = await client.call({ api: 'RCC', mt: 'UserInitialize', cn });
    expect(started.user).toEqual(expect.any(Number));
    expect((await client.call({ api: 'RCC', mt: 'UserEnd', user: started.user })).error).toBeUndefined();
    expect((await client.call({ api: 'RCC', mt: 'UserInitialize', cn: 'Nobody Here' })).error).toEqual(
      expect.any(Number),
    );
    client.close();
    // A user's own connection monitors that user.
    const own = await DocClient.open(simulator.url);
    await own.login({ app: '', sip: 'user032' }, 'demo');
    expect((await own.call({ api: 'RCC', mt: 'UserInitialize', cn })).user).toEqual(expect.any(Number));
    expect((await own.call({ api: 'RCC', mt: 'UserInitialize', cn: company.users[10]?.cn })).error).toEqual(
      expect.any(Number),
    );
    own.close();
  });
});

describe('one error shape', () => {
  it('answers every refusal with <mt>Result, a numeric error and an errorText', async () => {
    const anonymous = await DocClient.open(simulator.url);
    const answers = [await anonymous.call({ api: 'PbxAdminApi', mt: 'GetObject', cn: 'x' })];
    const client = await appClient();
    answers.push(
      await admin(client, 'GetObject', { cn: 'nobody at all' }),
      await admin(client, 'UpdateObject', { guid: 'f'.repeat(32), dn: 'x' }),
      await admin(client, 'NoSuchOperation'),
      await client.call({ api: 'RCC', mt: 'Devices', cn: 'nobody at all' }),
      await client.call({ api: 'PbxTableUsers', mt: 'ReplicateNext' }),
    );
    const user = await DocClient.open(simulator.url);
    await user.login({ app: '', sip: 'user001' }, 'demo');
    answers.push(await user.call({ api: 'PbxAdminApi', mt: 'GetObject', cn: 'x' }));
    for (const answer of answers) {
      expect(answer.mt).toMatch(/Result$/);
      expect(answer).toMatchObject({ error: expect.any(Number), errorText: expect.any(String) });
    }
    for (const connection of [anonymous, client, user]) connection.close();
  });
});

describe('state kept in DATA_DIR', () => {
  it('keeps device lists, created objects and registrations over a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-state-'));
    const stateFile = join(dir, 'pbx-simulator.json');
    try {
      const first = new PbxSimulator(demoCompany(), { port: 0, registrationDelayMs: 10, stateFile });
      await first.start();
      const client = await DocClient.open(first.url);
      await client.loginAs({ app: DEMO_APP.name }, DEMO_APP.password);
      const mac = company.phones.at(-10)?.mac ?? '';
      const guid = company.users.find((user) => user.h323 === 'user040')?.guid;
      await admin(client, 'UpdateObject', { guid, devices: [{ hw: mac, text: 'Hotdesk', app: 'phone' }] });
      const created = await admin(client, 'UpdateObject', { cn: 'Kept Object', h323: 'kept' });
      client.close();
      await first.stop();

      const second = new PbxSimulator(demoCompany(), { port: 0, registrationDelayMs: 10, stateFile });
      await second.start();
      expect(second.user('user040')?.devices).toEqual([{ hw: mac, text: 'Hotdesk', app: 'phone' }]);
      expect(second.user('kept')?.guid).toBe(created.guid);
      expect(second.registeredTo(mac)).toBe(guid);
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('myApps client protocol (myApps.htm)', () => {
  const appClientUrl = () => simulator.url.replace('/PBX0/APPS/websocket', '/PBX0/APPCLIENT/130000/websocket');

  async function myAppsLogin(username: string, password: string) {
    const client = await DocClient.open(appClientUrl());
    client.send({ mt: 'Login', type: 'user', userAgent: 'test' });
    const challenge = await client.next((message) => message.mt === 'Authenticate');
    const nonce = '0123456789abcdef';
    const domain = String(challenge.domain);
    const response = sha256(
      `innovaphoneAppClient:user:${domain}:${username}:${password}:${nonce}:${String(challenge.challenge)}`,
    );
    client.send({ mt: 'Login', type: 'user', method: 'digest', username, nonce, response, userAgent: 'test' });
    const result = await client.next((message) => message.mt === 'LoginResult');
    return { client, result, domain, nonce, challenge: String(challenge.challenge) };
  }

  it('signs a user in with a digest, proves itself with its own digest, and refuses a wrong password', async () => {
    const { client, result, domain, nonce, challenge } = await myAppsLogin('user050', 'demo');
    const info = JSON.stringify(result.info);
    expect(result.digest).toBe(
      sha256(`innovaphoneAppClient:loginresult:${domain}:user050:demo:${nonce}:${challenge}:${info}`),
    );
    expect(result.info).toMatchObject({ sip: 'user050', user: { sip: 'user050', domain } });
    client.close();
    const wrong = await myAppsLogin('user050', 'nope');
    expect(wrong.result).toMatchObject({ error: expect.any(Number), errorText: expect.any(String) });
    wrong.client.close();
  });

  it('lists the apps a user has rights to, with their URLs, and signs an AppGetLogin with the App object’s password', async () => {
    const { client } = await myAppsLogin('user051', 'demo');
    client.send({ mt: 'SubscribeApps' });
    const update = await client.next((message) => message.mt === 'UpdateApps');
    expect(update.apps).toEqual([expect.objectContaining({ name: DEMO_APP.name, url: 'http://localhost:9/myapps' })]);
    const answer = await client.call({ mt: 'AppGetLogin', app: DEMO_APP.name, challenge: 'c0ffee' });
    const user = company.users.find((candidate) => candidate.h323 === 'user051');
    expect(answer).toMatchObject({ app: DEMO_APP.name, sip: 'user051', guid: user?.guid, pbxObj: DEMO_APP.name });
    const fields = [answer.app, answer.domain, answer.sip, answer.guid, answer.dn, JSON.stringify(answer.info)];
    expect(answer.digest).toBe(sha256([...fields, 'c0ffee', DEMO_APP.password].join(':')));
    expect((await client.call({ mt: 'AppGetLogin', app: 'other-app', challenge: 'c0ffee' })).error).toEqual(
      expect.any(Number),
    );
    client.close();
  });

  it('serves the launcher page at /myapps/ under a strict policy', async () => {
    const response = await fetch(simulator.launcherUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('launcher.js');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(simulator.launcherUrl.replace('/myapps/', '/elsewhere'))).status).toBe(404);
    const refused = new WebSocket(simulator.url.replace('/PBX0/APPS/websocket', '/PBX0/OTHER'));
    await new Promise((resolve) => refused.once('error', resolve));
  });
});
