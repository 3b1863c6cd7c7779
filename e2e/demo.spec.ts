import type { Page, Response } from '@playwright/test';
import { createDemoState } from '../mocks/demo/demo-state.ts';
import { demoCompany } from '../sim/demo-company.ts';
import { E2E_DEMO_PORT } from '../playwright.config.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import type { Translate } from './i18n.ts';
import { ConsoleShell, SignInPage } from './pages/sign-in-page.ts';

/**
 * The browser-only demo (`npm run build:demo`) from a plain static server: every API answer must come from
 * the msw service worker, none from a service. The demo's state lives in the tab, so the test moves by the
 * console's own links and never reloads.
 */
const DEMO_URL = `http://127.0.0.1:${E2E_DEMO_PORT}`;
const company = demoCompany();
const { tables, occupancy } = createDemoState(company);
const freeDesk = tables.desks.find((desk) => desk.floorId !== null && !occupancy.occupants.has(desk.id));
const employee = company.users.find((user) => user.h323 === 'user001');

async function signIn(page: Page, t: Translate, name: string) {
  const signInPage = new SignInPage(page, t);
  await signInPage.signIn(name, 'demo');
  await expect(page.getByRole('navigation', { name: t('Sections') })).toBeVisible();
}

test('the demo runs as static files: sign in, check in, and the board shows it', async ({ page, t }) => {
  if (!freeDesk || !employee) throw new Error('the demo company has no free desk or no user001');
  const apiAnswers: Response[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) apiAnswers.push(response);
  });

  await page.goto(`${DEMO_URL}/`);
  // The first paint waits for the mock service worker and the demo company: seconds on a busy CI machine.
  await expect(page.getByRole('complementary', { name: 'Demo' })).toContainText('password demo', { timeout: 30_000 });

  await test.step('an employee checks in by desk name', async () => {
    await signIn(page, t, 'user001');
    await page
      .getByRole('navigation', { name: t('Sections') })
      .getByRole('link', { name: t('My desk') })
      .click();
    await page.getByLabel(t('checkin.deskName'), { exact: true }).fill(freeDesk.name);
    await page.getByRole('button', { name: t('checkin.atDeskButton') }).click();
    await expect(
      page.getByRole('status').filter({ hasText: t('checkin.done', { desk: freeDesk.name }) }),
    ).toBeVisible();
    await new ConsoleShell(page, t).signOut().click();
  });

  await test.step('helpdesk sees them on the board', async () => {
    await signIn(page, t, 'helpdesk');
    await page
      .getByRole('navigation', { name: t('Sections') })
      .getByRole('link', { name: t('Occupancy') })
      .click();
    const board = page.getByRole('table', { name: t('Occupancy') });
    await page.getByLabel(t('board.search')).fill(freeDesk.name);
    await expect(board.getByRole('row').filter({ hasText: freeDesk.name })).toContainText(employee.cn);
    await expectNoSeriousAxeViolations(page);
  });

  await test.step('the floor plan, painted in the browser, is served like an upload', async () => {
    const plan = page.waitForResponse((response) => /\/api\/v1\/floors\/[^/]+\/plan/.test(response.url()));
    await page
      .getByRole('navigation', { name: t('Sections') })
      .getByRole('link', { name: t('Desks & floors') })
      .click();
    await page
      .getByRole('navigation', { name: t('Desks and floors') })
      .getByRole('link', { name: t('Floor maps') })
      .click();
    const answer = await plan;
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toBe('image/png');
    expect((await answer.body()).byteLength).toBeGreaterThan(1000);
  });

  expect(apiAnswers.length).toBeGreaterThan(5);
  expect(apiAnswers.filter((answer) => !answer.fromServiceWorker()).map((answer) => answer.url())).toEqual([]);
});
