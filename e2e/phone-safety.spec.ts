import { DEMO_APP } from '../mocks/pbx/demo-company.ts';
import { SIM_PATH } from '../mocks/pbx/simulator.ts';
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
    { timeoutMs: 3000 },
  );
  const monitor = await pbx.request('RCC', 'UserInitialize', { cn: person, hw: desk.mac });
  await pbx.request('RCC', 'UserCall', { user: monitor.user, e164: '0301234567' });

  const page = await pageAs('helpdesk', '/occupancy');
  await page.getByLabel('Search').fill(desk.deskName);
  const row = page.getByRole('row', { name: new RegExp(desk.deskName) });
  await expect(row).toContainText('On a call');

  await row.getByRole('button', { name: `Log out ${person} from ${desk.deskName}` }).click();
  const confirm = page.getByRole('dialog', { name: `Log ${person} out of ${desk.deskName}?` });
  await expect(confirm).toContainText('on a call');
  await confirm.getByRole('button', { name: 'Log out' }).click();
  await expect(row).toContainText('On a call — logs out when it ends');
  await expectNoSeriousAxeViolations(page);

  await row.getByRole('button', { name: `End the call of ${person} and log out of ${desk.deskName} now` }).click();
  const second = page.getByRole('dialog', { name: `End ${person}’s call and log them out of ${desk.deskName} now?` });
  await second.getByRole('button', { name: 'End the call and log out' }).click();
  await expect(row).toContainText('Free');
  await expect(row).not.toContainText('On a call');
  await expect
    .poll(async () => (await board()).find((row) => row.deskId === desk.deskId))
    .toMatchObject({ occupant: null, onCall: false, phoneRegistered: true });
  pbx.close();
  await api.dispose();
});

test('facility adds a site with its address and one of the PBX’s locations', async ({ pageAs }) => {
  const page = await pageAs('facility', '/desks/sites');
  await expect(page.getByRole('table', { name: 'Sites', exact: true })).toContainText('Munich office');
  const name = `Hamburg ${unique()}`;
  await page.getByRole('button', { name: 'New site' }).click();
  const dialog = page.getByRole('dialog', { name: 'New site' });
  await dialog.getByLabel('Site name').fill(name);
  await dialog.getByLabel('Street address (sent with emergency calls)').fill('Jungfernstieg 1, 20354 Hamburg');
  await expect(dialog.getByLabel('PBX location').locator('option')).toHaveText([
    'None (people keep their own)',
    'berlin',
    'munich',
  ]);
  await dialog.getByLabel('PBX location').selectOption('munich');
  await dialog.getByLabel('Emergency caller number (optional)').fill('12ab');
  await dialog.getByRole('button', { name: 'Create site' }).click();
  await expect(dialog.getByText('A phone number, digits only')).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await dialog.getByLabel('Emergency caller number (optional)').fill('+494012345');
  await dialog.getByRole('button', { name: 'Create site' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Jungfernstieg 1, 20354 Hamburg');
  await expect(row).toContainText('munich');
  await expect(row).toContainText('+494012345');

  // A floor gets its site right there; the desk table then shows the dispatchable location.
  await page.getByLabel('Site of 1st floor').selectOption({ label: name });
  await expect(page.getByLabel('Site of 1st floor')).toHaveValue(/.+/);
  await page.getByRole('link', { name: 'Desk table' }).click();
  await page.getByLabel('Search').fill('B1-1.01');
  await expect(page.getByRole('row', { name: /B1-1\.01/ })).toContainText(
    'Jungfernstieg 1, 20354 Hamburg, 1st floor, Desk B1-1.01',
  );
});
