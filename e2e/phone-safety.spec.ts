import { DEMO_APP } from '../sim/demo-company.ts';
import { SIM_PATH } from '../sim/simulator.ts';
import { E2E_SIM_PORT } from '../playwright.config.ts';
import { AppWebsocketConnection } from '../server/pbx/app-websocket.ts';
import { apiAs, boardRows, unique } from './api.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';

interface Row {
  deskId: string;
  deskName: string;
  mac: string;
  enabled: boolean;
  occupant: { name: string; displayName: string } | null;
  phoneRegistered: boolean;
  onCall: boolean;
}

const board = () => boardRows<Row>();

test('the helpdesk sees a desk phone on a call, its logout waiting for the call, and can force it', async ({
  pageAs,
  t,
}) => {
  const desk = (await board()).find((row) => row.enabled && !row.occupant && row.phoneRegistered);
  if (!desk) throw new Error('no free desk with a registered phone in the demo company');

  // An employee checks in; once the phone has registered to them, they make a call on it (RCC, as a PBX app would).
  const { api, csrf } = await apiAs('user031');
  const checkin = await api.post('/api/v1/checkin', { data: { method: 'desk', value: desk.deskName }, headers: csrf });
  expect(checkin.status()).toBe(200);
  await expect
    .poll(async () => (await board()).find((row) => row.deskId === desk.deskId))
    .toMatchObject({ occupant: { name: 'user031' }, phoneRegistered: true });
  const person = (await board()).find((row) => row.deskId === desk.deskId)?.occupant?.displayName ?? '';
  const pbx = await AppWebsocketConnection.open(
    `ws://127.0.0.1:${E2E_SIM_PORT}${SIM_PATH}`,
    { app: DEMO_APP.name, domain: '', sip: '', guid: '', dn: '' },
    DEMO_APP.password,
    { timeoutMs: 30_000 },
  );
  const monitor = await pbx.request('RCC', 'UserInitialize', { cn: person, hw: desk.mac });
  await pbx.request('RCC', 'UserCall', { user: monitor.user, e164: '0301234567' });

  const page = await pageAs('helpdesk', '/occupancy');
  await page.getByLabel(t('board.search')).fill(desk.deskName);
  const row = page.getByRole('row', { name: new RegExp(desk.deskName) });
  await expect(row).toContainText(t('phone.onCall'));

  await row.getByRole('button', { name: t('board.logoutLabel', { name: person, desk: desk.deskName }) }).click();
  const confirm = page.getByRole('dialog', { name: t('board.confirmOneTitle', { name: person, desk: desk.deskName }) });
  await expect(confirm).toContainText(t('board.confirmOnCall', { count: 1 }));
  await confirm.getByRole('button', { name: t('board.logout') }).click();
  await expect(row).toContainText(t('phone.onCallDeferred'));
  await expectNoSeriousAxeViolations(page);

  await row.getByRole('button', { name: t('board.logoutNowLabel', { name: person, desk: desk.deskName }) }).click();
  const second = page.getByRole('dialog', { name: t('board.confirmNowTitle', { name: person, desk: desk.deskName }) });
  await second.getByRole('button', { name: t('board.confirmNow') }).click();
  await expect(row).toContainText(t('board.free'));
  await expect(row).not.toContainText(t('phone.onCall'));
  await expect
    .poll(async () => (await board()).find((row) => row.deskId === desk.deskId))
    .toMatchObject({ occupant: null, onCall: false, phoneRegistered: true });
  pbx.close();
  await api.dispose();
});

test('facility adds a site with its address and one of the PBX’s locations', async ({ pageAs, t }) => {
  const page = await pageAs('facility', '/desks/sites');
  await expect(page.getByRole('table', { name: t('desks.tabSites'), exact: true })).toContainText('Munich office');
  const name = `Hamburg ${unique()}`;
  await page.getByRole('button', { name: t('sites.new') }).click();
  const dialog = page.getByRole('dialog', { name: t('sites.new') });
  await dialog.getByLabel(t('siteDialog.name')).fill(name);
  await dialog.getByLabel(t('siteDialog.address')).fill('Jungfernstieg 1, 20354 Hamburg');
  await expect(dialog.getByLabel(t('sites.pbxLocation')).locator('option')).toHaveText([
    t('siteDialog.noLocation'),
    'berlin',
    'munich',
  ]);
  await dialog.getByLabel(t('sites.pbxLocation')).selectOption('munich');
  await dialog.getByLabel(t('siteDialog.emergency')).fill('12ab');
  await dialog.getByRole('button', { name: t('siteDialog.create') }).click();
  await expect(dialog.getByText(t('A phone number, digits only (a leading + is fine).'))).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await dialog.getByLabel(t('siteDialog.emergency')).fill('+494012345');
  await dialog.getByRole('button', { name: t('siteDialog.create') }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Jungfernstieg 1, 20354 Hamburg');
  await expect(row).toContainText('munich');
  await expect(row).toContainText('+494012345');

  // A floor gets its site right there; the desk table then shows the dispatchable location.
  await page.getByLabel(t('floorSites.siteOf', { floor: '1st floor' })).selectOption({ label: name });
  await expect(page.getByLabel(t('floorSites.siteOf', { floor: '1st floor' }))).toHaveValue(/.+/);
  await page.getByRole('link', { name: t('desks.tabTable') }).click();
  await page.getByLabel(t('board.search')).fill('B1-1.01');
  await expect(page.getByRole('row', { name: /B1-1\.01/ })).toContainText(
    t('desks.location', { address: 'Jungfernstieg 1, 20354 Hamburg', floor: '1st floor', desk: 'B1-1.01' }),
  );
});

test('an emergency call raises the alert on the helpdesk’s console, with the desk on the map, acknowledged once', async ({
  pageAs,
  t,
}) => {
  const desk = (await board()).find((row) => row.enabled && !row.occupant && row.phoneRegistered);
  if (!desk) throw new Error('no free desk with a registered phone in the demo company');
  const { api, csrf } = await apiAs('user032');
  expect(
    (await api.post('/api/v1/checkin', { data: { method: 'desk', value: desk.deskName }, headers: csrf })).status(),
  ).toBe(200);
  await expect
    .poll(async () => (await board()).find((row) => row.deskId === desk.deskId))
    .toMatchObject({ occupant: { name: 'user032' }, phoneRegistered: true });
  const person = (await board()).find((row) => row.deskId === desk.deskId)?.occupant?.displayName ?? '';
  const page = await pageAs('helpdesk', '/audit');
  // The security desk sees the alert too, on the only pages it has.
  const securityDesk = await pageAs('security', '/checkin');

  const pbx = await AppWebsocketConnection.open(
    `ws://127.0.0.1:${E2E_SIM_PORT}${SIM_PATH}`,
    { app: DEMO_APP.name, domain: '', sip: '', guid: '', dn: '' },
    DEMO_APP.password,
    { timeoutMs: 30_000 },
  );
  const monitor = await pbx.request('RCC', 'UserInitialize', { cn: person, hw: desk.mac });
  await pbx.request('RCC', 'UserCall', { user: monitor.user, e164: '112' });

  const alert = page.getByRole('alert', { name: t('alarm.region') });
  await expect(alert).toContainText(t.matching('alarm.title'));
  await expect(alert).toContainText(desk.deskName);
  await expect(alert).toContainText(person);
  // The desk marked on its floor plan, in the alert itself; the site's list told by e-mail (kept: no mail server).
  const map = alert.getByRole('figure', { name: t('alarm.mapCaption', { desk: desk.deskName }) });
  await expect(map).toBeVisible();
  await expect
    .poll(() => map.locator('img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0))
    .toBe(true);
  await expect(alert.getByText(t.matching('alarm.emailHeld'))).toBeVisible();
  const securityAlert = securityDesk.getByRole('alert', { name: t('alarm.region') });
  await expect(securityAlert).toContainText(desk.deskName);
  await expect(securityAlert.getByRole('figure')).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: 'test-results/e2e/emergency-alert-map.png' });
  await alert.getByRole('link', { name: t('alarm.showOnMap') }).click();
  await expect(page).toHaveURL(new RegExp(`desk=${desk.deskId}`));
  await expect(page.getByRole('complementary', { name: t('live.details') })).toContainText(t('live.emergency'));
  await page.screenshot({ path: 'test-results/e2e/emergency-alert.png' });

  await alert.getByRole('button', { name: t('alarm.acknowledge') }).click();
  await expect(alert).toBeHidden();
  await expect(securityAlert).toBeHidden();
  const admin = await apiAs('admin');
  const log = (await (await admin.api.get('/api/v1/audit?action=emergency.acknowledge')).json()) as {
    events: { actor: string; target: string }[];
  };
  expect(log.events.filter((event) => event.target === desk.deskName).map((event) => event.actor)).toEqual([
    'helpdesk',
  ]);
  pbx.close();
  await api.dispose();
  await admin.api.dispose();
});
