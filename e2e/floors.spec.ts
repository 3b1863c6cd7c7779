import { readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { apiAs, randomMac, unique } from './api.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { FloorEditorPage } from './pages/floor-editor-page.ts';
import { netbiosProblem } from '../contract/netbios.ts';

const planPng = readFileSync(new URL('../test/fixtures/plans/plan.png', import.meta.url));

interface DeskJson {
  id: string;
  name: string;
  x: number | null;
  y: number | null;
  rotation: number;
  floorId: string | null;
  version: number;
}

async function seedFloor(api: APIRequestContext, csrf: Record<string, string>, withPlan: boolean, deskCount: number) {
  const tag = unique();
  const floor = (await (
    await api.post('/api/v1/floors', { data: { name: `E2E ${tag}`, building: 'Test' }, headers: csrf })
  ).json()) as { id: string; name: string; version: number };
  if (withPlan) {
    const uploaded = await api.put(`/api/v1/floors/${floor.id}/plan`, {
      data: planPng,
      headers: { ...csrf, 'Content-Type': 'image/png', 'If-Match': `"${floor.version}"` },
    });
    if (!uploaded.ok()) throw new Error(`plan upload answered ${uploaded.status()}`);
  }
  const desks: DeskJson[] = [];
  for (let index = 1; index <= deskCount; index += 1) {
    const response = await api.post('/api/v1/desks', {
      data: { name: `T${tag}-${index}`, mac: randomMac() },
      headers: csrf,
    });
    if (!response.ok()) throw new Error(`desk ${index} refused (${response.status()}): ${await response.text()}`);
    desks.push((await response.json()) as DeskJson);
  }
  return { floor, desks, tag };
}

const getDesk = async (api: APIRequestContext, id: string) =>
  (await (await api.get(`/api/v1/desks/${id}`)).json()) as DeskJson;

test.describe('the floor map editor', () => {
  test('a facility manager uploads a plan, places three desks, drags and rotates, saves, and it is all there after a reload', async ({
    pageAs,
    t,
  }) => {
    const { api, csrf } = await apiAs('facility');
    const { floor, desks } = await seedFloor(api, csrf, false, 3);
    const [first, second, third] = desks as [DeskJson, DeskJson, DeskJson];
    const page = await pageAs('facility');
    const editor = new FloorEditorPage(page, t);
    await editor.goto(floor.id);

    await test.step('upload the plan', async () => {
      await expect(page.getByRole('heading', { name: t('plan.none', { floor: floor.name }) })).toBeVisible();
      await page
        .getByLabel(t('plan.uploadLabel', { floor: floor.name }))
        .setInputFiles({ name: 'plan.png', mimeType: 'image/png', buffer: planPng });
      await expect(editor.canvas()).toBeVisible();
    });

    await test.step('place three desks by clicking', async () => {
      for (const [desk, x] of [
        [first, 0.2],
        [second, 0.5],
        [third, 0.8],
      ] as const) {
        await editor.placeButton(desk.name).click();
        await editor.clickPlan(x, 0.5);
        await expect(editor.desk(desk.name)).toBeVisible();
      }
    });

    await test.step('drag one, rotate another', async () => {
      await editor.drag(editor.desk(second.name), 0.5, 0.8);
      await editor.desk(third.name).click();
      // A quarter turn, then a fine step with Shift.
      await page.keyboard.press('r');
      await page.keyboard.press('Shift+R');
      await expect(editor.status()).toHaveText(t('toolbar.unsaved', { count: 3 }));
    });

    await editor.saveButton().click();
    await expect(editor.status()).toHaveText(t('toolbar.saved'));
    await page.reload();
    await expect(editor.desk(first.name)).toBeVisible();

    const [a, b, c] = await Promise.all([first, second, third].map((desk) => getDesk(api, desk.id)));
    expect(a).toMatchObject({ floorId: floor.id, rotation: 0 });
    expect(a?.x).toBeCloseTo(0.2, 1);
    expect(b?.y).toBeCloseTo(0.8, 1);
    expect(b?.x).toBeCloseTo(0.5, 1);
    expect(c).toMatchObject({ rotation: 105 });
    await expect(editor.desk(third.name)).toHaveAttribute('transform', /rotate\(105\)/);
    await expectNoSeriousAxeViolations(page);
  });

  test('ten desks in five actions: “Add desks”, a click on the plan, the phones’ MACs pasted, a name, create', async ({
    pageAs,
    t,
  }) => {
    const { api, csrf } = await apiAs('facility');
    const { floor, tag } = await seedFloor(api, csrf, true, 0);
    const macs = Array.from({ length: 10 }, () => randomMac());
    const page = await pageAs('facility');
    const editor = new FloorEditorPage(page, t);
    await editor.goto(floor.id);

    await page.getByRole('radio', { name: t('toolbar.addDesks') }).click();
    await editor.clickPlan(0.2, 0.3);
    const dialog = page.getByRole('dialog', { name: t('newDesks.title') });
    await dialog.getByLabel(t('newDesks.macs')).fill(macs.join('\n'));
    await dialog.getByLabel(t('newDesks.firstName')).fill(`N${tag}-01`);
    await expect(dialog.getByRole('listitem')).toHaveCount(10);
    await expect(dialog.getByRole('listitem').last()).toContainText(`N${tag}-10`);
    await expectNoSeriousAxeViolations(page);
    await dialog.getByRole('button', { name: t('newDesks.create', { count: 10 }) }).click();

    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { name: t('sidebar.selected', { count: 10 }) })).toBeVisible();
    await expect(editor.desk(`N${tag}-10`)).toHaveAttribute('aria-pressed', 'true');
    const made = (
      (await (await api.get(`/api/v1/desks?floorId=${floor.id}&limit=100`)).json()) as { desks: DeskJson[] }
    ).desks.sort((a, b) => a.name.localeCompare(b.name));
    expect(made.map((desk) => desk.name)).toEqual(
      Array.from({ length: 10 }, (_, index) => `N${tag}-${String(index + 1).padStart(2, '0')}`),
    );
    expect(made[0]?.x).toBeCloseTo(0.2, 2);
    expect(made.every((desk) => desk.y === made[0]?.y)).toBe(true);
    expect((made[9]?.x ?? 0) > (made[8]?.x ?? 1)).toBe(true);

    // The whole row moves as one, and the next "New desks" carries the floor's numbering on.
    await page.getByRole('radio', { name: t('toolbar.select') }).click();
    await editor.drag(editor.desk(`N${tag}-01`), 0.2, 0.6);
    await expect(editor.status()).toHaveText(t('toolbar.unsaved', { count: 10 }));
    await page.getByRole('button', { name: t('sidebar.newDesksButton') }).click();
    await expect(dialog.getByLabel(t('newDesks.firstName'))).toHaveValue(`N${tag}-11`);
  });

  test('works by keyboard: place at the centre, nudge, rotate, undo, save', async ({ pageAs, t }) => {
    const { api, csrf } = await apiAs('facility');
    const { floor, desks } = await seedFloor(api, csrf, true, 1);
    const desk = desks[0] as DeskJson;
    const page = await pageAs('facility');
    const editor = new FloorEditorPage(page, t);
    await editor.goto(floor.id);
    await editor.toCentreButton(desk.name).focus();
    await page.keyboard.press('Enter');
    // Placed, selected and focused: the arrows move it at once.
    await expect(editor.desk(desk.name)).toBeFocused();
    await expect(editor.desk(desk.name)).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('r');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(editor.desk(desk.name)).toBeFocused();
    await editor.saveButton().focus();
    await page.keyboard.press('Enter');
    await expect(editor.status()).toHaveText(t('toolbar.saved'));
    const saved = await getDesk(api, desk.id);
    expect(saved.floorId).toBe(floor.id);
    expect(saved.rotation).toBe(0);
    expect(saved.x).toBeCloseTo(0.55, 1);
  });

  test('a second editor saving the same desk sees the conflict and keeps both sides’ work', async ({ pageAs, t }) => {
    const { api, csrf } = await apiAs('facility');
    const { floor, desks } = await seedFloor(api, csrf, true, 2);
    const [shared, other] = desks as [DeskJson, DeskJson];
    await api.post(`/api/v1/floors/${floor.id}/layout`, {
      headers: csrf,
      data: {
        desks: [
          { id: shared.id, version: shared.version, x: 0.3, y: 0.3, rotation: 0, onFloor: true },
          { id: other.id, version: other.version, x: 0.7, y: 0.3, rotation: 0, onFloor: true },
        ],
        zones: [],
      },
    });
    const [pageA, pageB] = await Promise.all([pageAs('facility'), pageAs('admin')]);
    const editorA = new FloorEditorPage(pageA, t);
    const editorB = new FloorEditorPage(pageB, t);
    await editorA.goto(floor.id);
    await editorB.goto(floor.id);

    // Bob has unsaved work when Alice saves; an editor with nothing unsaved would just follow her save live.
    await editorB.drag(editorB.desk(other.name), 0.9, 0.9);
    await expect(editorB.status()).toHaveText(t('toolbar.unsaved', { count: 1 }));

    await editorA.drag(editorA.desk(shared.name), 0.3, 0.8);
    await editorA.saveButton().click();
    await expect(editorA.status()).toHaveText(t('toolbar.saved'));

    await editorB.drag(editorB.desk(shared.name), 0.1, 0.1);
    await editorB.saveButton().click();
    const dialog = pageB.getByRole('dialog', { name: t('conflict.title') });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('row', { name: t('live.desk', { desk: shared.name }) })).toBeVisible();
    await expectNoSeriousAxeViolations(pageB);
    await dialog.getByRole('button', { name: t('conflict.apply') }).click();
    await expect(editorB.status()).toHaveText(t('toolbar.saved'));

    const [finalShared, finalOther] = await Promise.all([getDesk(api, shared.id), getDesk(api, other.id)]);
    expect(finalShared.x).toBeCloseTo(0.1, 1);
    expect(finalOther.x).toBeCloseTo(0.9, 1);
  });

  test('asks before leaving with unsaved changes', async ({ pageAs, t }) => {
    const { api, csrf } = await apiAs('facility');
    const { floor, desks } = await seedFloor(api, csrf, true, 1);
    const page = await pageAs('facility');
    const editor = new FloorEditorPage(page, t);
    await editor.goto(floor.id);
    await editor.toCentreButton((desks[0] as DeskJson).name).click();
    await page.getByRole('link', { name: t('desks.tabTable') }).click();
    const ask = page.getByRole('dialog', { name: t('unsaved.title') });
    await expect(ask).toBeVisible();
    await ask.getByRole('button', { name: t('common.cancel') }).click();
    await expect(editor.status()).toHaveText(t('toolbar.unsaved', { count: 1 }));
    await page.getByRole('link', { name: t('desks.tabTable') }).click();
    await page
      .getByRole('dialog', { name: t('unsaved.title') })
      .getByRole('button', { name: t('unsaved.leave') })
      .click();
    await expect(page).toHaveURL(/\/desks$/);
  });
});

test.describe('the live floor map', () => {
  test('helpdesk sees who sits where, read-only, with details and force logout', async ({ pageAs, t }) => {
    const page = await pageAs('helpdesk', '/desks/map');
    const map = page.getByRole('group', { name: t.matching('live.mapOf') });
    await expect(map).toBeVisible();
    await expect(page.getByRole('application')).toHaveCount(0);
    await expect(page.getByRole('radio', { name: t('floors.edit') })).toHaveCount(0);
    const occupied = map.getByRole('button', { name: new RegExp(`: ${t('live.occupied')}, `) }).first();
    await occupied.focus();
    await expect(page.locator('.canvas-hint')).toContainText(t('live.occupied'));
    await page.keyboard.press('Enter');
    const details = page.getByRole('complementary', { name: t('live.details') });
    await expect(details.getByRole('button', { name: t('live.forceLogout') })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });
});

test.describe('the desk table', () => {
  test('creates a desk, shows the service’s errors inline, and deletes after confirmation', async ({ pageAs, t }) => {
    const tag = unique();
    const page = await pageAs('facility', '/desks');
    await expect(page.getByRole('table', { name: t('deskTable.label') })).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    await page.getByRole('button', { name: t('deskManager.new') }).click();
    const form = page.getByRole('dialog', { name: t('deskManager.new') });
    await form.getByLabel(t('checkin.deskName')).fill('B1-0.01');
    await form.getByLabel(t('deskTable.mac')).fill(randomMac().toUpperCase().match(/.{2}/g)?.join('-') ?? '');
    await form.getByRole('button', { name: t('deskForm.save') }).click();
    await expect(form.getByText(t('api.deskStore.deskNameAlreadyUsed', { rowName: 'B1-0.01' }))).toBeVisible();
    await form.getByLabel(t('checkin.deskName')).fill(`N${tag}`);
    await form.getByLabel(t('deskForm.computers')).fill('PC-THIS-NAME-IS-TOO-LONG');
    await form.getByRole('button', { name: t('deskForm.save') }).click();
    await expect(form.getByText(t(netbiosProblem('PC-THIS-NAME-IS-TOO-LONG') ?? ''))).toBeVisible();
    await form.getByLabel(t('deskForm.computers')).fill(`PC-${tag}`.slice(0, 15));
    await form.getByRole('button', { name: t('deskForm.save') }).click();
    await expect(form).toBeHidden();

    await page.getByLabel(t('board.search')).fill(`n${tag}`.toLowerCase());
    await expect(page.getByRole('row')).toHaveCount(2);
    await page.getByRole('button', { name: t('deskTable.deleteLabel', { desk: `N${tag}` }) }).click();
    const confirm = page.getByRole('dialog', { name: t('deskManager.deleteTitle', { desk: `N${tag}` }) });
    await confirm.getByRole('button', { name: t('deskManager.delete') }).click();
    await expect(page.getByText(t('deskTable.noMatch'))).toBeVisible();
  });

  test('changes and deletes several desks at once from the table', async ({ pageAs, t, colorScheme }) => {
    const { api, csrf } = await apiAs('facility');
    const { floor, desks, tag } = await seedFloor(api, csrf, false, 3);
    const page = await pageAs('facility', '/desks');
    await page.getByLabel(t('board.search')).fill(`T${tag}`);
    await expect(page.getByRole('row')).toHaveCount(4);
    await page.getByRole('checkbox', { name: t('deskTable.selectShown', { count: 3 }) }).check();
    await expect(page.getByText(t('deskManager.selected', { count: 3 }))).toBeVisible();
    await page.getByRole('button', { name: t('deskManager.editSelected') }).click();
    const dialog = page.getByRole('dialog', { name: t('bulkEdit.title', { count: 3 }) });
    await dialog.getByLabel(t('deskTable.checkin')).selectOption({ label: t('bulkEdit.closed') });
    await dialog.getByLabel(t('board.floor')).selectOption({ label: `Test · ${floor.name}` });
    await expectNoSeriousAxeViolations(page);
    await dialog.getByRole('button', { name: t('bulkEdit.apply', { count: 3 }) }).click();
    await expect(page.getByText(t('deskManager.changed', { count: 3 }))).toBeVisible();
    for (const desk of desks) expect(await getDesk(api, desk.id)).toMatchObject({ floorId: floor.id });
    await expect(page.getByRole('row').filter({ hasText: t('deskTable.closed') })).toHaveCount(3);

    await page.getByRole('checkbox', { name: t('board.selectDesk', { desk: desks[0]?.name ?? '' }) }).uncheck();
    await page.getByRole('button', { name: t('deskManager.deleteSelected') }).click();
    await page
      .getByRole('dialog', { name: t('deskManager.deleteManyTitle', { count: 2 }) })
      .getByRole('button', { name: t('deskManager.deleteMany', { count: 2 }) })
      .click();
    await expect(page.getByText(t('deskManager.deleted', { count: 2 }))).toBeVisible();
    await expect(page.getByRole('row')).toHaveCount(2);
    await expect(page.getByRole('button', { name: t('deskManager.editSelected') })).toBeDisabled();
    await page.screenshot({ path: `test-results/screens/${t.language}-${colorScheme ?? 'light'}-desk-table-bulk.png` });
  });

  test('helpdesk reads the table but cannot change it', async ({ pageAs, t }) => {
    const page = await pageAs('helpdesk', '/desks');
    await expect(page.getByRole('table', { name: t('deskTable.label') })).toBeVisible();
    await expect(page.getByRole('button', { name: t('deskManager.new') })).toHaveCount(0);
    await expect(page.getByRole('button', { name: t.matching('deskTable.editLabel') })).toHaveCount(0);
  });
});
