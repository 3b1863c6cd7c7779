import { apiAs } from './api.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { MyAppsLauncher } from './pages/myapps-launcher-page.ts';

interface Row {
  deskId: string;
  deskName: string;
  occupant: { name: string } | null;
  /** Only a desk whose phone is connected rings for the person (the demo has a few offline phones). */
  phoneRegistered: boolean;
}

test.describe('Hotdesk inside myApps', () => {
  test('an employee opens Hotdesk from myApps and checks in without typing a password into it', async ({ page, t }) => {
    const { api } = await apiAs('helpdesk');
    const board = (await (await api.get('/api/v1/occupancy')).json()) as { desks: Row[] };
    const desk = board.desks.find((row) => !row.occupant && row.phoneRegistered);
    if (!desk) throw new Error('no free desk in the demo company');
    const launcher = new MyAppsLauncher(page);

    await test.step('sign in to myApps (the PBX) and open Hotdesk', async () => {
      await launcher.goto();
      await launcher.signIn('user003', 'demo');
      await launcher.app('Hotdesk').click();
    });

    const pane = launcher.pane();
    await test.step('Hotdesk is signed in by myApps: My desk, compact, no sign-in form', async () => {
      await expect(pane.getByRole('heading', { name: t('My desk') })).toBeVisible();
      await expect(pane.getByLabel(t('Password'))).toHaveCount(0);
      // An employee's two sections, as tabs of the compact pane.
      await expect(pane.getByRole('navigation', { name: t('Sections') }).getByRole('link')).toHaveText([
        t('My desk'),
        t('Bookings'),
      ]);
    });

    await test.step('check in at a desk', async () => {
      await pane.getByLabel(t('checkin.deskName'), { exact: true }).fill(desk.deskName);
      await pane.getByRole('button', { name: t('checkin.atDeskButton') }).click();
      await expect(
        pane.getByRole('status').filter({ hasText: t('checkin.done', { desk: desk.deskName }) }),
      ).toBeVisible();
      const after = (await (await api.get('/api/v1/occupancy')).json()) as { desks: Row[] };
      expect(after.desks.find((row) => row.deskId === desk.deskId)?.occupant?.name).toBe('user003');
    });

    await test.step('the frame never got a cookie: its session is the bearer token only', async () => {
      const cookies = await page.context().cookies(['http://localhost:4180', 'http://127.0.0.1:4180']);
      expect(cookies.filter((cookie) => cookie.name === 'hotdesk_session')).toEqual([]);
    });
    await page.screenshot({ path: 'test-results/e2e/myapps-employee.png' });

    await test.step('a narrow myApps pane (420 px) shows My desk without sideways scrolling', async () => {
      await page.setViewportSize({ width: 640, height: 900 });
      const frame = page.frames().find((candidate) => candidate.url().includes(':4180/'));
      if (!frame) throw new Error('the Hotdesk frame is missing');
      await expect(pane.getByRole('button', { name: t('checkin.checkOut') })).toBeVisible();
      const overflow = await frame.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: 'test-results/e2e/myapps-employee-narrow.png' });
    });

    await test.step('on a phone (390 px) the desk-name field stays inside the pane', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      const frame = await page.locator('#app-frame').boundingBox();
      const field = await pane.getByLabel(t('checkin.deskName'), { exact: true }).boundingBox();
      if (!frame || !field) throw new Error('the pane or the field is not shown');
      expect(field.x).toBeGreaterThanOrEqual(frame.x);
      expect(field.x + field.width).toBeLessThanOrEqual(frame.x + frame.width);
      await page.screenshot({ path: 'test-results/e2e/myapps-employee-phone.png' });
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    await test.step('check out again, from inside myApps', async () => {
      await pane.getByRole('button', { name: t('checkin.checkOut') }).click();
      await expect(pane.getByText(t('checkin.nowhere'))).toBeVisible();
    });
  });

  test('an administrator opens Hotdesk from myApps and reaches Settings', async ({ page, t }) => {
    const launcher = new MyAppsLauncher(page);
    await launcher.goto();
    await launcher.signIn('admin', 'demo');
    await launcher.app('Hotdesk').click();
    const pane = launcher.pane();
    const nav = pane.getByRole('navigation', { name: t('Sections') });
    await expect(nav).toBeVisible();
    await nav.getByRole('link', { name: t('nav.settings') }).click();
    await expect(pane.getByRole('heading', { level: 1, name: t('nav.settings') })).toBeVisible();
    await expect(pane.getByLabel(t('Password'))).toHaveCount(0);
    await page.screenshot({ path: 'test-results/e2e/myapps-admin.png' });
  });

  test('a wrong myApps password is refused by the PBX, and the launcher passes axe', async ({ page }) => {
    const launcher = new MyAppsLauncher(page);
    await launcher.goto();
    await expectNoSeriousAxeViolations(page);
    await launcher.signIn('user002', 'wrong');
    await expect(page.getByRole('alert')).toHaveText('The user name or password is not correct.');
  });
});
