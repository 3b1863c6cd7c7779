import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/chromium.ts';

/** Debian Chromium at 1440×900 with `user` (password `demo`) signed in to the console at `baseURL`. */
export async function signedInPage(baseURL: string, user: string) {
  const browser = await chromium.launch(chromiumLaunchOptions);
  const page = await browser.newPage({ baseURL, viewport: { width: 1440, height: 900 } });
  await page.goto('/signin');
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  return { browser, page };
}
