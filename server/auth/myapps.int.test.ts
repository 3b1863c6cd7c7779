import { deskInputSchema } from '../../contract/desks.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_APP, demoCompany } from '../../sim/demo-company.ts';
import type { Json } from '../../test/doc-client.ts';
import { bearerFor, myAppsLogin } from '../../test/myapps-login.ts';
import type { TestClient } from '../../test/http-client.ts';
import { startHarness, type Harness } from '../../test/service-harness.ts';
import { insertDesk } from '../desks/desk-store.ts';
import { appLoginDigest } from '../pbx/digest.ts';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function challenge(client: TestClient): Promise<string> {
  const answer = await client.request('POST', '/session/myapps/challenge');
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ app: DEMO_APP.name });
  return (answer.body as { challenge: string }).challenge;
}

const withBearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

describe('myApps single sign-on', () => {
  it('signs a PBX user in with the PBX-signed login, roles as for any sign-in, no password and no cookie', async () => {
    harness = await startHarness();
    const client = harness.client();
    const issued = await challenge(client);
    // AppWebsocket.htm: a challenge has at most 16 characters.
    expect(issued).toMatch(/^[0-9a-f]{16}$/);
    const login = await myAppsLogin(harness.simulator, 'admin', issued);
    // As a real PBX signs it: `app` is the file name of the App object's URL (…/myapps), the App object is in info.
    expect(login).toMatchObject({ app: 'myapps', pbxObj: DEMO_APP.name, info: { appobj: DEMO_APP.name } });
    const answer = await client.request('POST', '/session/myapps', { body: { ...login, challenge: issued } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      user: { name: 'admin', roles: ['admin', 'user'] },
      csrfToken: expect.any(String),
      token: expect.any(String),
    });
    expect(client.hasCookie).toBe(false);
    const token = (answer.body as { token: string }).token;
    const me = await client.request('GET', '/session', withBearer(token));
    expect(me.body).toMatchObject({ user: { name: 'admin' } });
    const audit = await client.request('GET', '/audit?limit=5', withBearer(token));
    expect(JSON.stringify(audit.body)).toContain('"method":"myapps"');
  });

  it('refuses a wrong digest, an unknown or reused challenge, and an app that is not PBX_APP', async () => {
    harness = await startHarness();
    const client = harness.client();
    const issued = await challenge(client);
    const login = await myAppsLogin(harness.simulator, 'user001', issued);
    const tampered = { ...login, challenge: issued, dn: 'Someone Else' };
    expect((await client.request('POST', '/session/myapps', { body: tampered })).status).toBe(401);
    // The refused attempt used the challenge up: the right login with it is refused now too.
    expect((await client.request('POST', '/session/myapps', { body: { ...login, challenge: issued } })).status).toBe(
      401,
    );
    const unknown = 'f'.repeat(32);
    const forUnknown = await myAppsLogin(harness.simulator, 'user001', unknown);
    expect(
      (await client.request('POST', '/session/myapps', { body: { ...forUnknown, challenge: unknown } })).status,
    ).toBe(401);
    const fresh = await challenge(client);
    const good = await myAppsLogin(harness.simulator, 'user001', fresh);
    expect((await client.request('POST', '/session/myapps', { body: { ...good, challenge: fresh } })).status).toBe(200);
    expect((await client.request('POST', '/session/myapps', { body: { ...good, challenge: fresh } })).status).toBe(401);
    // Another App object's login, even signed with the right password, is not a login to Hotdesk.
    const other = await challenge(client);
    const identity = { app: 'other-app', domain: 'x', sip: 'user001', guid: String(good.guid), dn: String(good.dn) };
    const foreign = {
      ...identity,
      challenge: other,
      digest: appLoginDigest(identity, other, DEMO_APP.password),
    };
    const refused = await client.request('POST', '/session/myapps', { body: foreign });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: { code: 'invalid_credentials' } });
    // pbxObj is not covered by the digest: naming Hotdesk there does not make another App object's login ours.
    const third = await challenge(client);
    const otherObject = { ...identity, app: 'myapps', info: { appobj: 'other-app' } };
    const relabelled = {
      ...otherObject,
      pbxObj: DEMO_APP.name,
      challenge: third,
      digest: appLoginDigest(otherObject, third, DEMO_APP.password),
    };
    expect((await client.request('POST', '/session/myapps', { body: relabelled })).status).toBe(401);
  });

  it('never refuses a PBX-signed login for forged attempts from the same address', async () => {
    harness = await startHarness();
    const client = harness.client();
    for (let attempt = 0; attempt < 25; attempt += 1) {
      const issued = await challenge(client);
      const forged = { ...(await myAppsLogin(harness.simulator, 'user007', issued)), challenge: issued, dn: 'Forged' };
      const answer = await client.request('POST', '/session/myapps', { body: forged });
      expect([401, 429]).toContain(answer.status);
    }
    const issued = await challenge(client);
    const signed = await myAppsLogin(harness.simulator, 'user007', issued);
    const answer = await client.request('POST', '/session/myapps', { body: { ...signed, challenge: issued } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  });

  it('answers a challenge older than 60 s with 401', async () => {
    let now = Date.now();
    harness = await startHarness({ service: { now: () => now } });
    const client = harness.client();
    const issued = await challenge(client);
    const login = await myAppsLogin(harness.simulator, 'user002', issued);
    now += 61_000;
    expect((await client.request('POST', '/session/myapps', { body: { ...login, challenge: issued } })).status).toBe(
      401,
    );
  });

  it('accepts the bearer on the whole API without a CSRF token, check-in included, as the signed-in role', async () => {
    harness = await startHarness();
    await insertDesk(
      harness.service.db,
      deskInputSchema.parse({ name: 'B1-0.05', mac: demoCompany().phones[100]?.mac ?? '' }),
    );
    const client = harness.client();
    const token = await bearerFor(harness, 'user003');
    const desk = await client.request('GET', '/me/desk', withBearer(token));
    expect(desk.status).toBe(200);
    const checkin = await client.request('POST', '/checkin', {
      ...withBearer(token),
      body: { method: 'desk', value: 'B1-0.05' },
    });
    expect(checkin.status).toBe(200);
    expect((await client.request('GET', '/me/desk', withBearer(token))).body).toMatchObject({
      sessions: [expect.objectContaining({ deskName: 'B1-0.05' })],
    });
    expect((await client.request('GET', '/settings', withBearer(token))).status).toBe(403);
    const staff = await bearerFor(harness, 'admin');
    expect((await client.request('GET', '/settings', withBearer(staff))).status).toBe(200);
  });

  it('ends the bearer with sign-out, and never takes a check-in token or a cookie session as a bearer', async () => {
    harness = await startHarness();
    const token = await bearerFor(harness, 'user004');
    const client = harness.client();
    expect((await client.request('DELETE', '/session', withBearer(token))).status).toBe(204);
    expect((await client.request('GET', '/session', withBearer(token))).status).toBe(401);
    expect((await client.request('GET', '/me/desk', withBearer(token))).status).toBe(401);

    const browser = harness.client();
    await browser.signIn('user005', 'demo');
    const created = await browser.request('POST', '/me/tokens', { body: { label: 'Logon script' } });
    const checkinToken = (created.body as Json).token as string;
    expect(checkinToken).toMatch(/^hdt_/);
    const anonymous = harness.client();
    expect((await anonymous.request('GET', '/session', withBearer(checkinToken))).status).toBe(401);
    expect((await anonymous.request('GET', '/me/desk', withBearer(checkinToken))).status).toBe(401);
    const cookie = browser.cookieHeader().split('=')[1] ?? '';
    expect((await anonymous.request('GET', '/session', withBearer(cookie))).status).toBe(401);
    const bearer = await bearerFor(harness, 'user006');
    const asCookie = await anonymous.request('GET', '/session', { headers: { Cookie: `hotdesk_session=${bearer}` } });
    expect(asCookie.status).toBe(401);
  });
});

describe('anonymous challenges', () => {
  it('are bounded per address: unused ones beyond the limit are refused with 429 and Retry-After', async () => {
    harness = await startHarness();
    const client = harness.client();
    for (let index = 0; index < 50; index += 1)
      expect((await client.request('POST', '/session/myapps/challenge')).status).toBe(200);
    const refused = await client.request('POST', '/session/myapps/challenge');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    // Used up or expired, they make room again.
    await harness.service.db.query('DELETE FROM myapps_challenges');
    expect((await client.request('POST', '/session/myapps/challenge')).status).toBe(200);
  });
});
