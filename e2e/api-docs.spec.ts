import { expect, test } from './fixtures.ts';

test('the API documentation renders in the browser under the strict Content-Security-Policy', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(error.message));
  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { name: /Hotdesk service/ })).toBeVisible();
  // The operations, grouped by their first path segment, with their summaries.
  await expect(page.getByText('Check oneself in at a desk', { exact: false }).first()).toBeVisible();
  await page.getByText('/api/v1/checkin', { exact: true }).first().click();
  await expect(
    page.getByText('PBX users (a session or a myApps bearer token) and check-in tokens.').first(),
  ).toBeVisible();
  expect(violations).toEqual([]);
});
