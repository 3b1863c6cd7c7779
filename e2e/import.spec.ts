import { readFileSync } from 'node:fs';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { apiAs } from './api.ts';

const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/csv/${name}`, import.meta.url));

test.describe('importing desks through the wizard', () => {
  test('the seed product’s file: preview, dry run, apply, and the desks are there', async ({ pageAs, t }, testInfo) => {
    // The file's desks are new to the table, also when the suite runs again (light, dark, then German) on one service.
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
      .getByLabel(t('import.chooseLabel'))
      .setInputFiles({ name: 'hotdesk.csv', mimeType: 'text/csv', buffer: fixture('seed-product.csv') });
    await expect(
      page.getByRole('heading', {
        name: t('wizard.facts', {
          file: 'hotdesk.csv',
          rows: 3,
          encoding: t('wizard.utf8'),
          delimiter: t('wizard.comma'),
        }),
      }),
    ).toBeVisible();
    await expect(page.getByRole('cell', { name: '00:90:33:12:34:01' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('1-preview.png') });

    await page.getByLabel(t('review.merge')).check();
    await page.getByRole('button', { name: t('review.check') }).click();
    await expect(page.getByRole('heading', { name: t('review.changes') })).toBeVisible();
    await expect(page.getByRole('list', { name: t('review.summary') })).toContainText(`3 ${t('review.added')}`);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: testInfo.outputPath('2-dry-run.png'), fullPage: true });

    await page.getByRole('button', { name: t('review.apply') }).click();
    await expect(
      page.getByText(t('import.doneBody', { added: 3, changed: 0, removed: 0, unchanged: 0 })),
    ).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('3-done.png') });
    await page.getByRole('link', { name: t('import.openTable') }).click();
    await page.getByLabel(t('board.search')).fill('Desk 3');
    await expect(page.getByRole('cell', { name: 'TC-DESK-03' })).toBeVisible();
  });

  test('a file with errors shows them by row and column, downloadable, and nothing is changed', async ({
    pageAs,
    t,
  }, testInfo) => {
    const page = await pageAs('facility', '/import');
    await page
      .getByLabel(t('import.chooseLabel'))
      .setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: fixture('errors-everywhere.csv') });
    await expect(page.getByRole('alert')).toContainText(t('import.problems', { count: 7 }));
    const table = page.getByRole('table', { name: t('import.problemsCaption') });
    await expect(table.getByRole('row')).toHaveCount(8);
    await expect(table.getByRole('row').nth(5)).toContainText('computername');
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: testInfo.outputPath('errors.png'), fullPage: true });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: t('issues.download') }).click();
    expect((await download).suggestedFilename()).toBe('import-errors.csv');
  });

  test('German Excel and Unicode-text files are recognised; cancel leaves everything as it was', async ({
    pageAs,
    t,
  }) => {
    const page = await pageAs('facility', '/import');
    await page
      .getByLabel(t('import.chooseLabel'))
      .setInputFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: fixture('excel-unicode-text-utf16le.csv') });
    await expect(
      page.getByRole('heading', {
        name: t('wizard.facts', {
          file: 'excel.csv',
          rows: 2,
          encoding: t('wizard.utf16'),
          delimiter: t('wizard.tab'),
        }),
      }),
    ).toBeVisible();
    await page.getByRole('button', { name: t('common.cancel') }).click();
    await expect(page.getByText(t('wizard.cancelled'))).toBeVisible();
  });

  test('exports the desk table as a file', async ({ pageAs, t }) => {
    const page = await pageAs('facility', '/import');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: t('import.export') }).click();
    expect((await download).suggestedFilename()).toMatch(/^desks-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
