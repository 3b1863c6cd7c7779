import { expect, test } from './fixtures.ts';
import { apiAs } from './api.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';

interface Row {
  deskId: string;
  deskName: string;
  computerNames: string[];
  occupant: { name: string } | null;
  phoneRegistered: boolean;
}

/** A free desk of the demo company with a PC and a thin client at it. */
async function freeDeskWithComputers(): Promise<Row> {
  const { api } = await apiAs('helpdesk');
  const board = (await (await api.get('/api/v1/occupancy')).json()) as { desks: Row[] };
  const row = board.desks.find(
    (candidate) =>
      !candidate.occupant &&
      candidate.phoneRegistered &&
      candidate.computerNames.some((name) => name.startsWith('PC-')),
  );
  if (!row) throw new Error('no free desk with a PC in the demo company');
  return row;
}

test.describe('an employee checks in', () => {
  test('by each allowed method, and the phone follows them on the PBX; then checks out', async ({ pageAs, t }) => {
    const { api } = await apiAs('helpdesk');
    const desk = await freeDeskWithComputers();
    const page = await pageAs('user021', '/checkin');

    await test.step('by desk name', async () => {
      await page.getByLabel(t('checkin.deskName'), { exact: true }).fill(desk.deskName.toLowerCase());
      await page.getByRole('button', { name: t('checkin.atDeskButton') }).click();
      await expect(
        page.getByRole('status').filter({ hasText: t('checkin.done', { desk: desk.deskName }) }),
      ).toBeVisible();
      const board = (await (await api.get('/api/v1/occupancy')).json()) as { desks: Row[] };
      expect(board.desks.find((row) => row.deskId === desk.deskId)?.occupant?.name).toBe('user021');
    });

    await test.step('with the computer name from a logon-script link', async () => {
      const pc = desk.computerNames.find((name) => name.startsWith('PC-')) ?? '';
      await page.goto(`/checkin?computer=${pc}`);
      await page.getByRole('button', { name: t('checkin.atNamed', { name: pc }) }).click();
      await expect(
        page.getByRole('status').filter({ hasText: t('checkin.done', { desk: desk.deskName }) }),
      ).toBeVisible();
      await expectNoSeriousAxeViolations(page);
    });

    await test.step('check out', async () => {
      await page.getByRole('button', { name: t('checkin.checkOut') }).click();
      await expect(page.getByText(t('checkin.nowhere'))).toBeVisible();
      const board = (await (await api.get('/api/v1/occupancy')).json()) as { desks: Row[] };
      expect(board.desks.find((row) => row.deskId === desk.deskId)?.occupant).toBeNull();
    });
  });

  test('is asked before taking a desk someone else holds, and the other person is named', async ({ pageAs, t }) => {
    const desk = await freeDeskWithComputers();
    const holder = await apiAs('user025');
    const taken = await holder.api.post('/api/v1/checkin', {
      data: { method: 'desk', value: desk.deskName },
      headers: holder.csrf,
    });
    expect(taken.status()).toBe(200);
    const holderName = ((await (await holder.api.get('/api/v1/session')).json()) as { user: { displayName: string } })
      .user.displayName;
    const page = await pageAs('user026', '/checkin');
    await page.getByLabel(t('checkin.deskName'), { exact: true }).fill(desk.deskName);
    await page.getByRole('button', { name: t('checkin.atDeskButton') }).click();
    const question = page.getByRole('dialog', { name: t('checkin.takeOverTitle', { desk: desk.deskName }) });
    await expect(question).toContainText(t('someone.done', { name: holderName, desk: desk.deskName }).slice(0, -1));
    await expectNoSeriousAxeViolations(page);
    await question.getByRole('button', { name: t('checkin.takeOverConfirm') }).click();
    await expect(
      page.getByRole('status').filter({ hasText: t('checkin.tookOver', { name: holderName }) }),
    ).toBeVisible();
    const { api } = await apiAs('helpdesk');
    const board = (await (await api.get('/api/v1/occupancy')).json()) as { desks: Row[] };
    expect(board.desks.find((row) => row.deskId === desk.deskId)?.occupant?.name).toBe('user026');
    await holder.api.dispose();
  });

  test('works on a phone-sized screen', async ({ pageAs, t }) => {
    const page = await pageAs('user022', '/checkin?client=TC-B1-2-007', { viewport: { width: 390, height: 800 } });
    await expect(page.getByRole('button', { name: t('checkin.atNamed', { name: 'TC-B1-2-007' }) })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe('helpdesk', () => {
  test('finds a person who just checked in, live, and logs them out', async ({ pageAs, t }) => {
    const desk = await freeDeskWithComputers();
    const page = await pageAs('helpdesk', '/occupancy');
    await expect(page.getByRole('table', { name: t('Occupancy') })).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    const employeePage = await pageAs('user023', '/checkin');
    await employeePage.getByLabel(t('checkin.deskName'), { exact: true }).fill(desk.deskName);
    await employeePage.getByRole('button', { name: t('checkin.atDeskButton') }).click();
    await expect(employeePage.getByText(t('checkin.done', { desk: desk.deskName }))).toBeVisible();

    await page.getByLabel(t('board.search')).fill(desk.deskName);
    const row = page.getByRole('row', { name: new RegExp(desk.deskName) });
    await expect(row).toContainText(t('method.desk'));
    await row.getByRole('button', { name: t.matching('board.logoutLabel') }).click();
    const confirm = page.getByRole('dialog', { name: t.matching('board.confirmOneTitle') });
    await confirm.getByRole('button', { name: t('board.logout') }).click();
    await expect(row.getByText(t('board.loggedOut'))).toBeVisible();
  });
});

test.describe('the administrator', () => {
  test('turns a login method off and the employee page stops offering it at once', async ({ pageAs, t }) => {
    const employeePage = await pageAs('user024', '/checkin');
    await expect(employeePage.getByRole('heading', { name: t('checkin.byDesk') })).toBeVisible();

    const page = await pageAs('admin', '/settings');
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel(t('settings.methodDesk')).uncheck();
    await page.getByRole('button', { name: t('settings.save') }).click();
    await expect(page.getByText(t('settings.saved'))).toBeVisible();

    await expect(employeePage.getByRole('heading', { name: t('checkin.byDesk') })).toBeHidden();

    await page.getByLabel(t('settings.methodDesk')).check();
    await page.getByRole('button', { name: t('settings.save') }).click();
    await expect(employeePage.getByRole('heading', { name: t('checkin.byDesk') })).toBeVisible();
  });

  test('cannot switch every login method off', async ({ pageAs, t }) => {
    const page = await pageAs('admin', '/settings');
    for (const label of [
      'settings.methodDesk',
      'settings.methodComputer',
      'settings.methodThinClient',
      'settings.methodPhone',
    ]) {
      await page.getByLabel(t(label)).uncheck();
    }
    await page.getByRole('button', { name: t('settings.save') }).click();
    await expect(page.getByText(t('Leave at least one login method on.'))).toBeVisible();
  });
});
