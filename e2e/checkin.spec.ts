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
    (candidate) => !candidate.occupant && candidate.computerNames.some((name) => name.startsWith('PC-')),
  );
  if (!row) throw new Error('no free desk with a PC in the demo company');
  return row;
}

test.describe('an employee checks in', () => {
  test('by each allowed method, and the phone follows them on the PBX; then checks out', async ({ pageAs }) => {
    const { api } = await apiAs('helpdesk');
    const desk = await freeDeskWithComputers();
    const page = await pageAs('user021', '/checkin');

    await test.step('by desk name', async () => {
      await page.getByLabel('Desk name', { exact: true }).fill(desk.deskName.toLowerCase());
      await page.getByRole('button', { name: 'Check in at desk' }).click();
      await expect(page.getByRole('status').filter({ hasText: `checked in at desk ${desk.deskName}` })).toBeVisible();
      const board = (await (await api.get('/api/v1/occupancy')).json()) as { desks: Row[] };
      expect(board.desks.find((row) => row.deskId === desk.deskId)?.occupant?.name).toBe('user021');
    });

    await test.step('with the computer name from a logon-script link', async () => {
      const pc = desk.computerNames.find((name) => name.startsWith('PC-')) ?? '';
      await page.goto(`/checkin?computer=${pc}`);
      await page.getByRole('button', { name: `Check in at ${pc}` }).click();
      await expect(page.getByRole('status').filter({ hasText: `checked in at desk ${desk.deskName}` })).toBeVisible();
      await expectNoSeriousAxeViolations(page);
    });

    await test.step('check out', async () => {
      await page.getByRole('button', { name: 'Check out' }).click();
      await expect(page.getByText('You are not checked in anywhere.')).toBeVisible();
      const board = (await (await api.get('/api/v1/occupancy')).json()) as { desks: Row[] };
      expect(board.desks.find((row) => row.deskId === desk.deskId)?.occupant).toBeNull();
    });
  });

  test('is asked before taking a desk someone else holds, and the other person is named', async ({ pageAs }) => {
    const desk = await freeDeskWithComputers();
    const holder = await apiAs('user025');
    const taken = await holder.api.post('/api/v1/checkin', {
      data: { method: 'desk', value: desk.deskName },
      headers: holder.csrf,
    });
    expect(taken.status()).toBe(200);
    const page = await pageAs('user026', '/checkin');
    await page.getByLabel('Desk name', { exact: true }).fill(desk.deskName);
    await page.getByRole('button', { name: 'Check in at desk' }).click();
    const question = page.getByRole('dialog', { name: `Take over desk ${desk.deskName}?` });
    await expect(question).toContainText(`is checked in at desk ${desk.deskName}`);
    await expectNoSeriousAxeViolations(page);
    await question.getByRole('button', { name: 'Take over the desk' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'was logged out of it' })).toBeVisible();
    const { api } = await apiAs('helpdesk');
    const board = (await (await api.get('/api/v1/occupancy')).json()) as { desks: Row[] };
    expect(board.desks.find((row) => row.deskId === desk.deskId)?.occupant?.name).toBe('user026');
    await holder.api.dispose();
  });

  test('works on a phone-sized screen', async ({ pageAs }) => {
    const page = await pageAs('user022', '/checkin?client=TC-B1-2-007', { viewport: { width: 390, height: 800 } });
    await expect(page.getByRole('button', { name: 'Check in at TC-B1-2-007' })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe('helpdesk', () => {
  test('finds a person who just checked in within a second, and logs them out', async ({ pageAs }) => {
    const desk = await freeDeskWithComputers();
    const page = await pageAs('helpdesk', '/occupancy');
    await expect(page.getByRole('table', { name: 'Occupancy' })).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    const employeePage = await pageAs('user023', '/checkin');
    await employeePage.getByLabel('Desk name', { exact: true }).fill(desk.deskName);
    await employeePage.getByRole('button', { name: 'Check in at desk' }).click();
    await expect(employeePage.getByText(`checked in at desk ${desk.deskName}`)).toBeVisible();

    await page.getByLabel('Search').fill(desk.deskName);
    const row = page.getByRole('row', { name: new RegExp(desk.deskName) });
    await expect(row).toContainText(/Desk name/, { timeout: 1000 });
    await row.getByRole('button', { name: /^Log out / }).click();
    const confirm = page.getByRole('dialog', { name: /^Log .+ out of / });
    await confirm.getByRole('button', { name: 'Log out' }).click();
    await expect(row.getByText('Logged out')).toBeVisible();
  });
});

test.describe('the administrator', () => {
  test('turns a login method off and the employee page stops offering it at once', async ({ pageAs }) => {
    const employeePage = await pageAs('user024', '/checkin');
    await expect(employeePage.getByRole('heading', { name: 'Check in by desk name' })).toBeVisible();

    const page = await pageAs('admin', '/settings');
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel('Type the desk name').uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Saved. Employees see the change at once.')).toBeVisible();

    await expect(employeePage.getByRole('heading', { name: 'Check in by desk name' })).toBeHidden({ timeout: 3000 });

    await page.getByLabel('Type the desk name').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(employeePage.getByRole('heading', { name: 'Check in by desk name' })).toBeVisible({ timeout: 3000 });
  });

  test('cannot switch every login method off', async ({ pageAs }) => {
    const page = await pageAs('admin', '/settings');
    for (const label of [
      'Type the desk name',
      'Send the PC’s computer name',
      'Send the thin-client name (terminal server)',
      'Dial a code on the desk phone (extension and PIN)',
    ]) {
      await page.getByLabel(label).uncheck();
    }
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Leave at least one login method on.')).toBeVisible();
  });
});
