import { apiAs } from './api.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';

interface Row {
  deskId: string;
  deskName: string;
  floorId: string | null;
  enabled: boolean;
  occupant: { name: string; displayName: string; extension: string | null } | null;
  phoneRegistered: boolean;
}

test('the helpdesk finds a person by extension, logs them out and reads a summary; the map finds them too', async ({
  pageAs,
  t,
}) => {
  const { api } = await apiAs('helpdesk');
  const board = (await (await api.get('/api/v1/occupancy')).json()) as { desks: Row[] };
  const desk = board.desks.find((row) => row.occupant?.extension && row.floorId && row.enabled);
  if (!desk?.occupant?.extension) throw new Error('no occupied desk with an extension in the demo company');
  const { displayName, extension } = desk.occupant;

  const map = await pageAs('helpdesk', `/desks/map?floor=${desk.floorId ?? ''}`);
  await map.getByLabel(t('live.search')).fill(displayName.split(' ').reverse().join(' ').toLowerCase());
  await expect(map.getByRole('status').filter({ hasText: t('live.found', { count: 1 }) })).toBeVisible();
  await expect(map.locator(`.desk-glyph.found[data-desk-id="${desk.deskId}"]`)).toBeVisible();
  await expect(map.locator(`[data-desk-id="${desk.deskId}"] .desk-caption`)).toHaveText(displayName);

  const page = await pageAs('helpdesk', '/occupancy');
  await page.getByLabel(t('board.search')).fill(extension);
  const row = page.getByRole('row').filter({ hasText: desk.deskName });
  await expect(row).toContainText(`${displayName} · ${extension}`);
  await page.getByLabel(t('board.show')).selectOption('occupied');
  await row.getByRole('button', { name: t('board.logoutLabel', { name: displayName, desk: desk.deskName }) }).click();
  await page
    .getByRole('dialog', { name: t('board.confirmOneTitle', { name: displayName, desk: desk.deskName }) })
    .getByRole('button', {
      name: t('board.logout'),
    })
    .click();
  await expect(page.getByText(t('board.summary', { done: 1, total: 1 }))).toBeVisible();
  // Free now, and still in view under "Occupied" with what happened, until the filters change.
  await expect(row).toContainText(t('board.loggedOut'));
  await expectNoSeriousAxeViolations(page);
  await api.dispose();
});
