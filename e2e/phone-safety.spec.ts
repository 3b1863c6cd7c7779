import { expect, test } from '@playwright/test';
import { DEMO_APP } from '../mocks/pbx/demo-company.ts';
import { SIM_PATH } from '../mocks/pbx/simulator.ts';
import { E2E_SIM_PORT } from '../playwright.config.ts';
import { AppWebsocketConnection } from '../server/pbx/app-websocket.ts';
import { apiAs } from './api.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { SignInPage } from './pages/sign-in-page.ts';

interface Row {
  deskId: string;
  deskName: string;
  mac: string;
  enabled: boolean;
  occupant: { name: string; displayName: string } | null;
  phoneRegistered: boolean;
  onCall: boolean;
}

async function board(): Promise<Row[]> {
  const { api } = await apiAs('helpdesk');
  const rows = ((await (await api.get('/api/v1/occupancy')).json()) as { desks: Row[] }).desks;
  await api.dispose();
  return rows;
}

test('the helpdesk sees a desk phone on a call, its logout waiting for the call, and can force it', async ({ page }) => {
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

  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn('helpdesk', 'demo');
  await page.goto('/occupancy');
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
