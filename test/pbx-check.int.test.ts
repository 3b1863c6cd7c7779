import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { generate } from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import { pbxCheckReportSchema, type PbxCheckReport } from '../contract/pbx-check.ts';
import { DEMO_APP, demoCompany } from '../sim/demo-company.ts';
import type { SimBehaviour } from '../sim/sim-behaviour.ts';
import { PbxSimulator, type SimulatorOptions } from '../sim/simulator.ts';
import { checkPbx } from '../server/pbx/connection-check.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(options: SimulatorOptions = {}, apis?: string[]): Promise<PbxSimulator> {
  const company = demoCompany();
  const app = company.appObjects[0];
  if (app && apis) app.apis = apis;
  const started = new PbxSimulator(company, { port: 0, ...options });
  await started.start();
  started.setAppUrl(DEMO_APP.name, 'https://hotdesk.example.com/myapps');
  cleanups.push(() => started.stop());
  return started;
}

const item = (report: PbxCheckReport, id: string) => report.items.find((entry) => entry.id === id);

describe('the connection check for installers', () => {
  it('reports a working system: login, every grant, both PBXs, liveness, device fields and the app name myApps signs', async () => {
    const pbx = await simulator();
    const report = await checkPbx({
      url: pbx.url,
      slaveUrls: pbx.slaveUrls,
      app: DEMO_APP.name,
      password: DEMO_APP.password,
      publicUrl: 'https://hotdesk.example.com',
    });
    expect(pbxCheckReportSchema.parse(report)).toEqual(report);
    expect(report.ok).toBe(true);
    for (const id of ['login', 'PbxAdminApi', 'PbxTableUsers', 'RCC (master)', 'pbxs', 'liveness', 'myapps'])
      expect(item(report, id)?.status, id).toBe('ok');
    expect(report.items.find((entry) => entry.id.startsWith('RCC (slave'))?.status).toBe('ok');
    expect(item(report, 'liveness')?.detail).toMatch(/KeepAlive not answered \(as documented\)/);
    expect(report.facts).toMatchObject({
      pbxName: 'berlin',
      pbxs: ['berlin', 'munich'],
      users: 304,
      keepAliveAnswered: false,
      myAppsUrl: 'https://hotdesk.example.com/myapps',
      myAppsApp: 'myapps',
    });
    expect(report.facts.deviceFields).toEqual(expect.arrayContaining(['hw', 'text', 'app']));
    expect(report.facts.registrations).toBeGreaterThan(0);
  });

  it.each<[string, Partial<SimBehaviour>, boolean]>([
    ['KeepAlive answered', { keepAlive: 'answered' }, true],
    ['as documented', {}, false],
  ])('says whether KeepAlive is answered (%s)', async (_name, behaviour, answered) => {
    const pbx = await simulator({ behaviour });
    const report = await checkPbx({
      url: pbx.url,
      slaveUrls: pbx.slaveUrls,
      app: DEMO_APP.name,
      password: DEMO_APP.password,
    });
    expect(report.facts.keepAliveAnswered).toBe(answered);
    expect(report.ok).toBe(true);
  });

  it('names a wrong password, a missing grant and a slave without an address, each with the fix', async () => {
    const pbx = await simulator({}, ['PbxAdminApi', 'PbxTableUsers']);
    const wrong = await checkPbx({ url: pbx.url, app: DEMO_APP.name, password: 'wrong' });
    expect(wrong.ok).toBe(false);
    expect(item(wrong, 'login')).toMatchObject({ status: 'failed', fix: expect.stringContaining('PBX_PASSWORD') });

    const noRcc = await checkPbx({ url: pbx.url, app: DEMO_APP.name, password: DEMO_APP.password });
    expect(noRcc.ok).toBe(false);
    expect(item(noRcc, 'RCC (master)')).toMatchObject({ status: 'failed', fix: expect.stringContaining('"RCC"') });
    expect(item(noRcc, 'PbxAdminApi')?.status).toBe('ok');
    expect(item(noRcc, 'pbxs')).toMatchObject({ status: 'warning', fix: expect.stringContaining('PBX_SLAVE_URLS') });
    expect(item(noRcc, 'myapps')?.status).toBe('ok');
  });

  it('refuses an untrusted certificate with the way to trust it, and passes once the CA is trusted', async () => {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    const pbx = await simulator({ tls: { key: pems.private, cert: pems.cert }, slaves: [] });
    expect(pbx.url).toMatch(/^wss:/);
    const untrusted = await checkPbx({ url: pbx.url, app: DEMO_APP.name, password: DEMO_APP.password });
    expect(untrusted.ok).toBe(false);
    expect(item(untrusted, 'tls')).toMatchObject({
      status: 'failed',
      detail: expect.stringMatching(/not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT; issued to 127\.0\.0\.1/),
      fix: expect.stringContaining('NODE_EXTRA_CA_CERTS'),
    });
    expect(item(untrusted, 'login')).toBeUndefined();
    const trusted = await checkPbx({ url: pbx.url, app: DEMO_APP.name, password: DEMO_APP.password, ca: pems.cert });
    expect(item(trusted, 'tls')?.status).toBe('ok');
    expect(item(trusted, 'login')?.status).toBe('ok');
  });

  it('writes only with a write test, and then only the named object’s device list, unchanged', async () => {
    const pbx = await simulator({ slaves: [] });
    const before = pbx.user('user010');
    const updates = pbx.updateCount;
    const readOnly = await checkPbx({ url: pbx.url, app: DEMO_APP.name, password: DEMO_APP.password });
    expect(pbx.updateCount).toBe(updates);
    expect(item(readOnly, 'write')).toBeUndefined();
    const report = await checkPbx({
      url: pbx.url,
      app: DEMO_APP.name,
      password: DEMO_APP.password,
      writeTest: before?.cn ?? '',
    });
    expect(item(report, 'write')?.status).toBe('ok');
    expect(pbx.updateCount).toBe(updates + 1);
    expect(pbx.user('user010')).toEqual(before);
  });

  it('runs from the command line: text for people, --json for tools, exit code 1 when a check fails', async () => {
    const pbx = await simulator({ slaves: [] });
    const run = (args: string[], password: string) =>
      promisify(execFile)('npx', ['tsx', 'scripts/pbx-check.ts', '--url', pbx.url, '--app', DEMO_APP.name, ...args], {
        env: { ...process.env, PBX_PASSWORD: password, PBX_URL: '', PBX_SLAVE_URLS: '' },
      });
    const json = await run(['--json'], DEMO_APP.password);
    expect(pbxCheckReportSchema.parse(JSON.parse(json.stdout)).ok).toBe(true);
    const failed = await run([], 'wrong').catch((error: { code: number; stdout: string }) => error);
    expect(failed).toMatchObject({ code: 1, stdout: expect.stringContaining('[FAIL] login') });
  });
});
