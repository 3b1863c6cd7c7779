import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_APP, demoCompany } from '../sim/demo-company.ts';
import { PbxSimulator } from '../sim/simulator.ts';
import { appClientOf, pbxAdmin as admin, DocClient, sha256, type Json } from './doc-client.ts';
import { waitFor } from './service-harness.ts';

/**
 * (Part 2: replication, RCC, errors, state, myApps.) The simulator held to the SDK documents (PbxAdminApi.htm, Replication.htm, PbxTableUsers.htm, RCC.htm,
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

  it('delivers the columns asked for (node, loc, pseudo, hide included): users only, other types when asked, pseudo as XML', async () => {
    const client = await appClient();
    const columns = { guid: {}, h323: {}, node: {}, loc: {}, pseudo: {}, hide: {}, grps: {}, devices: {} };
    const users = await replicate(client, { columns });
    expect(users.rows.some((row) => row.h323 === DEMO_APP.name)).toBe(false);
    const user = users.rows.find((row) => row.h323 === 'user020');
    expect(Object.keys(user ?? {}).sort()).toEqual(Object.keys(columns).sort());
    expect(user).toMatchObject({ node: 'root', loc: 'berlin', pseudo: '', hide: false });
    expect(users.rows.every((row) => row.pseudo === '')).toBe(true);
    client.close();
    // Other object types only when ReplicateStart's pseudo asks for them; their pseudo column is XML.
    const withApps = await appClient();
    const all = await replicate(withApps, { columns, pseudo: ['', 'app'] });
    expect(all.rows.find((row) => row.h323 === DEMO_APP.name)?.pseudo).toMatch(/^<pseudo type="app" url="[^"]*"\/>$/);
    expect(all.rows.length).toBe(users.rows.length + 1);
    withApps.close();
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
    expect(users.length).toBe(303);
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
    // RCC.htm documents `error` as a string.
    expect((await client.call({ api: 'RCC', mt: 'UserInitialize', cn: 'Nobody Here' })).error).toEqual(
      expect.any(String),
    );
    client.close();
    // A user's own connection monitors that user.
    const own = await DocClient.open(simulator.url);
    await own.login({ app: '', sip: 'user032' }, 'demo');
    expect((await own.call({ api: 'RCC', mt: 'UserInitialize', cn })).user).toEqual(expect.any(Number));
    expect((await own.call({ api: 'RCC', mt: 'UserInitialize', cn: company.users[10]?.cn })).error).toEqual(
      expect.any(String),
    );
    own.close();
  });

  it('CallInfo carries the src of the UserInitialize that opened the monitor; a call ends with one CallDel', async () => {
    const client = await appClient();
    const calls = client.send({ api: 'RCC', mt: 'Initialize', calls: true });
    await client.next((message) => message.mt === 'InitializeResult' && message.src === calls, 5000);
    const phone =
      company.phones.find((candidate) => candidate.online && simulator.holders().has(candidate.mac))?.mac ?? '';
    const holder = simulator.holders().get(phone)?.[0];
    const person = company.users.find((user) => user.guid === holder);
    await waitFor(() => simulator.registeredTo(phone) === holder);
    const monitor = client.send({ api: 'RCC', mt: 'UserInitialize', cn: person?.cn });
    const handle = (await client.next((message) => message.mt === 'UserInitializeResult' && message.src === monitor))
      .user;
    const call = simulator.dial(phone, '0301234');
    if (typeof call === 'string') throw new Error(call);
    const info = await client.next((message) => message.mt === 'CallInfo');
    expect(info).toMatchObject({ user: handle, call: call.id, src: monitor });
    simulator.hangUp(call.id);
    await client.next((message) => message.mt === 'CallDel' && message.call === call.id);
    const stray = await client
      .next((message) => (message.mt === 'CallDel' || message.mt === 'CallDelete') && message.call === call.id, 300)
      .catch(() => null);
    expect(stray).toBeNull();
    client.close();
  });
});

describe('error shapes as documented', () => {
  it('answers every refusal with <mt>Result: a numeric error and an errorText, in RCC an error text', async () => {
    const anonymous = await DocClient.open(simulator.url);
    const answers = [await anonymous.call({ api: 'PbxAdminApi', mt: 'GetObject', cn: 'x' })];
    const client = await appClient();
    answers.push(
      await admin(client, 'GetObject', { cn: 'nobody at all' }),
      await admin(client, 'UpdateObject', { guid: 'f'.repeat(32), dn: 'x' }),
      await admin(client, 'NoSuchOperation'),
      await client.call({ api: 'PbxTableUsers', mt: 'ReplicateNext' }),
    );
    const rcc = await client.call({ api: 'RCC', mt: 'Devices', cn: 'nobody at all' });
    expect(rcc).toMatchObject({ mt: 'DevicesResult', error: expect.any(String) });
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
    // `app` is the file name of the App object's URL; the App object is pbxObj and, under the digest, info.appobj.
    expect(answer).toMatchObject({
      app: 'myapps',
      sip: 'user051',
      guid: user?.guid,
      pbxObj: DEMO_APP.name,
      info: { appobj: DEMO_APP.name, appurl: 'http://localhost:9/myapps' },
    });
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
