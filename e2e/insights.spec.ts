import { readFileSync } from 'node:fs';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';

test('facility sees how the office is used, per floor and week, and downloads the numbers', async ({ pageAs }) => {
  const page = await pageAs('facility', '/insights');
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
  // Eight weeks of demo history: the chart and its table view have numbers in them.
  await expect(page.getByRole('img', { name: /Line chart: Utilisation per floor by day/ })).toBeVisible();
  await page.getByText('Table view').click();
  await expect(page.getByRole('row', { name: /Ground floor/ }).first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Utilisation by weekday and hour, in percent' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await page.getByRole('combobox', { name: 'Floor' }).selectOption({ label: 'Berlin HQ · 1st floor' });
  await page.getByRole('combobox', { name: 'By', exact: true }).selectOption('week');
  await expect(page.getByRole('heading', { name: 'Utilisation per floor by week on 1st floor' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Least-used desks on 1st floor' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Ground floor/ })).toHaveCount(0);
  // The floor's map: every placed desk shaded by use, with its figures (or why they are hidden) in its name.
  const map = page.getByRole('group', { name: 'Desk use on 1st floor' });
  await expect(map).toBeVisible();
  await expect(
    map.getByRole('button', { name: /^Desk .*(utilisation|never used|fewer than five people)/ }).first(),
  ).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('utilisation.csv');
  const lines = readFileSync(await file.path(), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r\n/);
  expect(lines[0]).toBe('group,start,end,desks,occupied_hours,peak_occupied,utilisation_percent,suppressed');
  expect(lines.slice(1).every((line) => line.startsWith('1st floor,'))).toBe(true);
  await expectNoSeriousAxeViolations(page);
});
