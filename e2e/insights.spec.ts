import { readFileSync } from 'node:fs';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import type { Translate } from './i18n.ts';

/** The title of the utilisation chart for floors by `interval`, on a floor when `where` names one. */
const overTime = (t: Translate, interval: 'day' | 'week', where: string) =>
  t('insights.overTime', {
    group: t('insights.groupIn.floor'),
    interval: t(`insights.intervalIn.${interval}`),
    where: where === '' ? '' : t('insights.onFloor', { floor: where.trim() }),
  });

test('facility sees how the office is used, per floor and week, and downloads the numbers', async ({ pageAs, t }) => {
  const page = await pageAs('facility', '/insights');
  await expect(page.getByRole('heading', { level: 1, name: t('Insights') })).toBeVisible();
  // Eight weeks of demo history: the chart and its table view have numbers in them.
  await expect(
    page.getByRole('img', { name: t('insights.chartLabel', { title: overTime(t, 'day', '') }) }),
  ).toBeVisible();
  await page.getByText(t('insights.tableView')).click();
  await expect(page.getByRole('row', { name: /Ground floor/ }).first()).toBeVisible();
  await expect(page.getByRole('table', { name: t('week.caption') })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await page.getByRole('combobox', { name: t('board.floor') }).selectOption({ label: 'Berlin HQ · 1st floor' });
  await page.getByRole('combobox', { name: t('insights.by'), exact: true }).selectOption('week');
  await expect(page.getByRole('heading', { name: overTime(t, 'week', ' 1st floor') })).toBeVisible();
  await expect(
    page.getByRole('heading', {
      name: t('insights.leastUsed', { where: t('insights.onFloor', { floor: '1st floor' }) }),
    }),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: /Ground floor/ })).toHaveCount(0);
  // The floor's map: every placed desk shaded by use, with its figures (or why they are hidden) in its name.
  const map = page.getByRole('group', { name: t('heat.mapOf', { floor: '1st floor' }) });
  await expect(map).toBeVisible();
  await expect(
    map
      .getByRole('button', {
        name: new RegExp(['heat.figures', 'heat.never', 'heat.hidden'].map((key) => t.matching(key).source).join('|')),
      })
      .first(),
  ).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: t('insights.csv') }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('utilisation.csv');
  const lines = readFileSync(await file.path(), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r\n/);
  expect(lines[0]).toBe(
    'group,start,end,desks,occupied_hours,office_hours,outside_hours,peak_occupied,utilisation_percent,suppressed',
  );
  expect(lines.slice(1).every((line) => line.startsWith('1st floor,'))).toBe(true);
  await expectNoSeriousAxeViolations(page);
});
