// Screenshots of the console's screens for review (and the README): `npx tsx scripts/screenshots.ts <baseURL> <outDir>`.
import { chromium, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { chromiumLaunchOptions } from '../e2e/chromium.ts';

const [baseURL = 'http://127.0.0.1:8080', outDir = 'test-results/screens'] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch(chromiumLaunchOptions);

async function shoot(name: string, width: number, steps: (page: Page) => Promise<void>) {
  const page = await browser.newPage({ baseURL, viewport: { width, height: 800 } });
  await steps(page);
  await page.screenshot({ path: `${outDir}/${name}.png` });
  await page.close();
}

async function signIn(page: Page, user: string, password = 'demo') {
  await page.goto('/signin');
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
}

await shoot('signin', 1280, async (page) => {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
});
await shoot('signin-error', 1280, async (page) => {
  await page.goto('/signin');
  await page.getByLabel('User name').fill('user002');
  await page.getByLabel('Password').fill('nope');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
});
await shoot('admin-occupancy', 1280, (page) => signIn(page, 'admin'));
await shoot('admin-audit', 1280, async (page) => {
  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Audit' }).click();
  await page.getByRole('table').waitFor();
});
await shoot('employee-tablet', 800, (page) => signIn(page, 'user001'));
await shoot('helpdesk-forbidden', 1024, async (page) => {
  await signIn(page, 'helpdesk');
  await page.goto('/settings');
  await page.getByText("You don't have access").waitFor();
});
await shoot('facility-desk-table', 1280, async (page) => {
  await signIn(page, 'facility');
  await page.goto('/desks');
  await page.getByRole('table', { name: 'Desks' }).waitFor();
});
await shoot('facility-desk-form', 1280, async (page) => {
  await signIn(page, 'facility');
  await page.goto('/desks');
  await page.getByRole('button', { name: 'New desk' }).click();
  await page.getByLabel('Desk name').fill('B1-0.01');
  await page.getByLabel('Phone MAC').fill('00:90:33');
  await page.getByRole('button', { name: 'Save desk' }).click();
  await page.getByText('Enter the phone MAC').waitFor();
});
await shoot('facility-floor-editor', 1280, async (page) => {
  await signIn(page, 'facility');
  await page.goto('/desks/map');
  await page.getByRole('application').waitFor();
  await page.waitForTimeout(500);
});
await shoot('helpdesk-floor-live', 1280, async (page) => {
  await signIn(page, 'helpdesk');
  await page.goto('/desks/map');
  await page.getByRole('group', { name: /Live map/ }).waitFor();
  await page.waitForTimeout(500);
  await page.locator('[data-desk-id]').first().click();
});
await shoot('helpdesk-occupancy', 1280, async (page) => {
  await signIn(page, 'helpdesk');
  await page.goto('/occupancy');
  await page.getByRole('table', { name: 'Occupancy' }).waitFor();
});
await shoot('employee-checkin-phone', 390, async (page) => {
  await signIn(page, 'user005');
  await page.goto('/checkin?computer=PC-B1-1-003');
  await page.getByRole('button', { name: 'Check in at PC-B1-1-003' }).click();
  await page.getByText('You are checked in at desk').waitFor();
});
await shoot('admin-settings', 1280, async (page) => {
  await signIn(page, 'admin');
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Save settings' }).waitFor();
});
await browser.close();
