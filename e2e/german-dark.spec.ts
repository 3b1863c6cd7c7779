import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { apiAs, boardRows, randomMac, unique } from './api.ts';
import { expect, test, type Person } from './fixtures.ts';
import { translator } from './i18n.ts';

interface Row {
  deskId: string;
  deskName: string;
  enabled: boolean;
  occupant: { displayName: string } | null;
  /** Only a desk whose phone is connected rings for the person (the demo has a few offline phones). */
  phoneRegistered: boolean;
}

/** Every screen once more, in German and dark: the language and theme a German browser in dark mode gets. */
const screens: { name: string; person: Person; path: string; heading: string }[] = [
  { name: 'occupancy', person: 'helpdesk', path: '/occupancy', heading: 'Belegung' },
  { name: 'desks', person: 'facility', path: '/desks', heading: 'Arbeitsplätze & Etagen' },
  { name: 'floor-map', person: 'facility', path: '/desks/map', heading: 'Arbeitsplätze & Etagen' },
  { name: 'sites', person: 'facility', path: '/desks/sites', heading: 'Arbeitsplätze & Etagen' },
  { name: 'import', person: 'facility', path: '/import', heading: 'Import' },
  { name: 'insights', person: 'admin', path: '/insights', heading: 'Auswertungen' },
  { name: 'settings', person: 'admin', path: '/settings', heading: 'Einstellungen' },
  { name: 'audit', person: 'admin', path: '/audit', heading: 'Protokoll' },
  { name: 'checkin', person: 'user061', path: '/checkin', heading: 'Mein Arbeitsplatz' },
  { name: 'bookings', person: 'helpdesk', path: '/bookings', heading: 'Buchungen' },
];

const SHOTS = 'test-results/screens';

/** The console's German, from its catalogue: the German flows below find what they click by it. */
const de = translator('de');
const german = { locale: 'de-DE', colorScheme: 'dark' } as const;
const english = { locale: 'en-GB', colorScheme: 'light' } as const;

async function settle(page: Page): Promise<void> {
  await expect(page.locator('.loading-panel')).toHaveCount(0);
}

test.describe('German and dark', () => {
  test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

  for (const screen of screens) {
    test(`${screen.name}: German, dark, no serious accessibility violations`, async ({ pageAs }) => {
      const page = await pageAs(screen.person, screen.path, german);
      await expect(page.locator('html')).toHaveAttribute('lang', 'de');
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Bereiche' })).toBeVisible();
      await settle(page);
      await expectNoSeriousAxeViolations(page);
      await page.screenshot({ path: `${SHOTS}/de-dark-${screen.name}.png`, fullPage: true });
    });

    test(`${screen.name}: English, light`, async ({ pageAs }) => {
      const page = await pageAs(screen.person, screen.path, english);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
      await settle(page);
      await expectNoSeriousAxeViolations(page);
      await page.screenshot({ path: `${SHOTS}/en-light-${screen.name}.png`, fullPage: true });
    });
  }

  test('the sign-in page in German and dark, and the employee page on a phone', async ({ browser, pageAs }) => {
    const context = await browser.newContext({ ...german });
    const page = await context.newPage();
    await page.goto('/signin');
    await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
    await expect(page.getByLabel('Benutzername')).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SHOTS}/de-dark-sign-in.png` });
    await context.close();

    const phone = await pageAs('user062', '/checkin', { ...german, viewport: { width: 390, height: 844 } });
    await expect(phone.getByRole('heading', { name: 'Ihr Arbeitsplatz' })).toBeVisible();
    // The logon-script tokens stay folded away on a phone.
    await expect(phone.getByRole('button', { name: 'Token erstellen' })).toBeHidden();
    await expectNoSeriousAxeViolations(phone);
    await phone.screenshot({ path: `${SHOTS}/de-dark-checkin-phone.png`, fullPage: true });
  });

  for (const [look, options, tool, title, create] of [
    ['de-dark', german, 'Plätze anlegen', 'Neue Arbeitsplätze auf dieser Etage', '3 Arbeitsplätze anlegen'],
    ['en-light', english, 'Add desks', 'New desks on this floor', 'Create 3 desks'],
  ] as const) {
    test(`the floor editor’s “New desks” dialog: ${look}`, async ({ pageAs }) => {
      const page = await pageAs('facility', '/desks/map', { ...options, viewport: { width: 1440, height: 1200 } });
      await settle(page);
      await page.getByRole('radio', { name: tool }).click();
      await page.screenshot({ path: `${SHOTS}/${look}-floor-editor-add.png` });
      const frame = await page.locator('.plan-frame').boundingBox();
      if (!frame) throw new Error('no plan on screen');
      await page.mouse.click(frame.x + frame.width * 0.05, frame.y + frame.height * 0.95);
      const dialog = page.getByRole('dialog', { name: title });
      await dialog.getByRole('textbox').first().fill('00:90:33:aa:00:01\n0090.33aa.0002\n009033aa0003');
      await expect(dialog.getByRole('button', { name: create })).toBeVisible();
      await expectNoSeriousAxeViolations(page);
      await page.screenshot({ path: `${SHOTS}/${look}-new-desks.png` });
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    });
  }

  test('the language is switched in the console and kept after a reload', async ({ pageAs }) => {
    const page = await pageAs('helpdesk', '/occupancy', english);
    await page.locator('.prefs-menu > summary').click();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await expect(page.getByRole('heading', { level: 1, name: 'Belegung' })).toBeVisible();
    await page.getByRole('combobox', { name: 'Darstellung' }).selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Belegung' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });

  test('in German: an employee checks in by desk name and out again', async ({ pageAs }) => {
    const desk = (await boardRows<Row>()).find((row) => !row.occupant && row.enabled && row.phoneRegistered);
    if (!desk) throw new Error('no free desk in the demo company');
    const page = await pageAs('user033', '/checkin', german);
    await page.getByLabel(de('checkin.deskName'), { exact: true }).fill(desk.deskName);
    await page.getByRole('button', { name: de('checkin.atDeskButton') }).click();
    await expect(page.getByText(de('checkin.done', { desk: desk.deskName }))).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await page.getByRole('button', { name: de('checkin.checkOut') }).click();
    await expect(page.getByText(de('checkin.nowhere'))).toBeVisible();
  });

  test('in German: the helpdesk logs someone out from the board and reads the summary', async ({ pageAs }) => {
    const person = await apiAs('user034');
    const free = (await boardRows<Row>()).find((row) => !row.occupant && row.enabled);
    if (!free) throw new Error('no free desk in the demo company');
    await person.api.post('/api/v1/checkin', { data: { method: 'desk', value: free.deskName }, headers: person.csrf });
    const desk = (await boardRows<Row>()).find((row) => row.deskId === free.deskId);
    const name = desk?.occupant?.displayName ?? '';
    const page = await pageAs('helpdesk', '/occupancy', german);
    await page.getByLabel(de('board.search')).fill(free.deskName);
    const row = page.getByRole('row').filter({ hasText: free.deskName });
    await row.getByRole('button', { name: de('board.logoutLabel', { name, desk: free.deskName }) }).click();
    const confirm = page.getByRole('dialog', { name: de('board.confirmOneTitle', { name, desk: free.deskName }) });
    await expectNoSeriousAxeViolations(page);
    await confirm.getByRole('button', { name: de('board.logout') }).click();
    await expect(page.getByText(de('board.summary', { done: 1, total: 1 }))).toBeVisible();
    await expect(row).toContainText(de('board.loggedOut'));
    await page.screenshot({ path: `${SHOTS}/de-dark-board-logout.png` });
    await person.api.dispose();
  });

  test('in German: a desk file’s problems, named in German', async ({ pageAs }) => {
    const page = await pageAs('facility', '/import', german);
    await page.getByLabel(de('import.chooseLabel')).setInputFiles({
      name: 'desks.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('hw_id,name\nnot-a-mac,Desk A\n009033000077,\n'),
    });
    const problems = page.getByRole('table', { name: de('import.problemsCaption') });
    await expect(problems).toContainText('„not-a-mac“ ist keine MAC-Adresse');
    await expect(problems).toContainText('Der Arbeitsplatzname fehlt.');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: de('issues.download') }).click(),
    ]);
    expect(readFileSync(await download.path(), 'utf8')).toContain('3,name,,Der Arbeitsplatzname fehlt.');
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SHOTS}/de-dark-import-problems.png`, fullPage: true });
  });

  test('in German: signing in, first with a wrong password (the service answers in German)', async ({ browser }) => {
    const context = await browser.newContext({ ...german });
    const page = await context.newPage();
    await page.goto('/signin');
    await page.getByLabel(de('signIn.username')).fill('helpdesk');
    await page.getByLabel(de('signIn.password')).fill('wrong');
    await page.getByRole('button', { name: de('signIn.submit') }).click();
    await expect(page.getByRole('alert')).toContainText('Benutzername oder Passwort ist nicht korrekt.');
    await page.getByLabel(de('signIn.password')).fill('demo');
    await page.getByRole('button', { name: de('signIn.submit') }).click();
    await expect(page.getByRole('heading', { level: 1, name: de('nav.occupancy') })).toBeVisible();
    await context.close();
  });

  test('in German: a desk file merged, checked against the table and applied', async ({ pageAs }) => {
    const macs = [randomMac(), randomMac()];
    const tag = unique();
    const page = await pageAs('facility', '/import', german);
    await page.getByLabel(de('import.chooseLabel')).setInputFiles({
      name: 'desks.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`hw_id;name\n${macs[0] ?? ''};G${tag}-1\n${macs[1] ?? ''};G${tag}-2\n`),
    });
    await page.getByLabel(de('review.merge')).check();
    await page.getByRole('button', { name: de('review.check') }).click();
    await expect(page.getByRole('list', { name: de('review.summary') })).toContainText('2');
    await expectNoSeriousAxeViolations(page);
    await page.getByRole('button', { name: de('review.apply') }).click();
    await expect(
      page.getByText(de('import.doneBody', { added: 2, changed: 0, removed: 0, unchanged: 0 })),
    ).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/de-dark-import-done.png`, fullPage: true });
  });

  test('in German: settings ask before unsaved changes are left behind', async ({ pageAs }) => {
    const page = await pageAs('admin', '/settings', german);
    await settle(page);
    await page.getByRole('checkbox').first().click();
    await page.getByRole('link', { name: de('nav.audit') }).click();
    const ask = page.getByRole('dialog', { name: de('unsaved.title') });
    await expect(ask).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await ask.getByRole('button', { name: de('unsaved.leave') }).click();
    await expect(page.getByRole('heading', { level: 1, name: de('nav.audit') })).toBeVisible();
  });
});
