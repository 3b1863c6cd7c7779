import { readFileSync } from 'node:fs';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { apiAs } from './api.ts';

const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/csv/${name}`, import.meta.url));

test.describe('importing desks through the wizard', () => {
  test('the seed product’s file: preview, dry run, apply, and the desks are there', async ({ pageAs }, testInfo) => {
    // The file's desks are new to the table, also when the suite runs again (light, then dark) on one service.
    const { api, csrf } = await apiAs('facility');
    for (const mac of ['009033123401', '009033123402', '009033123403']) {
      const found = (await (await api.get(`/api/v1/desks?q=${mac}`)).json()) as {
        desks: { id: string; mac: string; version: number }[];
      };
      for (const desk of found.desks.filter((candidate) => candidate.mac === mac))
        await api.delete(`/api/v1/desks/${desk.id}`, { headers: { ...csrf, 'If-Match': `"${desk.version}"` } });
    }
    const page = await pageAs('facility', '/import');
    await expectNoSeriousAxeViolations(page);
    await page
      .getByLabel('Choose a desk file')
      .setInputFiles({ name: 'hotdesk.csv', mimeType: 'text/csv', buffer: fixture('seed-product.csv') });
    await expect(page.getByRole('heading', { name: /hotdesk.csv: 3 rows, UTF-8, comma-separated/ })).toBeVisible();
    await expect(page.getByRole('cell', { name: '00:90:33:12:34:01' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('1-preview.png') });

    await page.getByLabel(/Merge:/).check();
    await page.getByRole('button', { name: 'Check against the desk table' }).click();
    await expect(page.getByRole('heading', { name: 'What the import changes' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Summary' })).toContainText('3 added');
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: testInfo.outputPath('2-dry-run.png'), fullPage: true });

    await page.getByRole('button', { name: 'Apply import' }).click();
    await expect(page.getByText('3 desks added, 0 changed, 0 removed')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('3-done.png') });
    await page.getByRole('link', { name: 'Open the desk table' }).click();
    await page.getByLabel('Search').fill('Desk 3');
    await expect(page.getByRole('cell', { name: 'TC-DESK-03' })).toBeVisible();
  });

  test('a file with errors shows them by row and column, downloadable, and nothing is changed', async ({
    pageAs,
  }, testInfo) => {
    const page = await pageAs('facility', '/import');
    await page
      .getByLabel('Choose a desk file')
      .setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: fixture('errors-everywhere.csv') });
    await expect(page.getByRole('alert')).toContainText('7 problems found');
    const table = page.getByRole('table', { name: 'Problems in the file' });
    await expect(table.getByRole('row')).toHaveCount(8);
    await expect(table.getByRole('row').nth(5)).toContainText('computername');
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: testInfo.outputPath('errors.png'), fullPage: true });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download as CSV' }).click();
    expect((await download).suggestedFilename()).toBe('import-errors.csv');
  });

  test('German Excel and Unicode-text files are recognised; cancel leaves everything as it was', async ({ pageAs }) => {
    const page = await pageAs('facility', '/import');
    await page
      .getByLabel('Choose a desk file')
      .setInputFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: fixture('excel-unicode-text-utf16le.csv') });
    await expect(page.getByRole('heading', { name: /UTF-16 \(Unicode text\), tab-separated/ })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText('Cancelled. Nothing was changed.')).toBeVisible();
  });

  test('exports the desk table as a file', async ({ pageAs }) => {
    const page = await pageAs('facility', '/import');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export the current desk table' }).click();
    expect((await download).suggestedFilename()).toMatch(/^desks-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
