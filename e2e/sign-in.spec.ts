import { E2E_ADMIN_PASSWORD } from '../playwright.config.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { ConsoleShell, SignInPage } from './pages/sign-in-page.ts';
import type { Translate } from './i18n.ts';

/** Each role's sections, named as the English catalogue has them. */
const navigation = {
  admin: ['Occupancy', 'Desks & floors', 'Import', 'Insights', 'nav.settings', 'Audit', 'My desk', 'Bookings'],
  helpdesk: ['Occupancy', 'Desks & floors', 'Audit', 'My desk', 'Bookings'],
  facility: ['Occupancy', 'Desks & floors', 'Import', 'Insights', 'My desk', 'Bookings'],
  user001: ['My desk', 'Bookings'],
};

/** The service's answer to a wrong password, as the sign-in page shows it. */
const wrongPassword = (t: Translate) => t('The user name or password is not correct.');

test.describe('signing in', () => {
  for (const [user, links] of Object.entries(navigation)) {
    test(`${user} signs in with PBX credentials and sees the navigation of their role`, async ({ page, t }) => {
      const signIn = new SignInPage(page, t);
      const shell = new ConsoleShell(page, t);
      await signIn.goto();
      await signIn.signIn(user, 'demo');
      await expect(shell.navLinks()).toHaveText(links.map((link) => t(link)));
      await expect(page).toHaveURL(user === 'user001' ? /\/checkin$/ : /\/occupancy$/);
    });
  }

  test('a wrong password shows the error and keeps the person on the sign-in page', async ({ page, t }) => {
    const signIn = new SignInPage(page, t);
    await signIn.goto();
    await signIn.signIn('user002', 'not-the-password');
    await expect(signIn.alert()).toContainText(wrongPassword(t));
    await expect(page).toHaveURL(/\/signin$/);
    await expectNoSeriousAxeViolations(page);
  });

  test('the break-glass admin signs in as administrator', async ({ page, t }) => {
    const signIn = new SignInPage(page, t);
    await signIn.goto();
    await signIn.signIn('admin-local', E2E_ADMIN_PASSWORD);
    await expect(new ConsoleShell(page, t).navLinks()).toHaveText(
      ['Occupancy', 'Desks & floors', 'Import', 'Insights', 'nav.settings', 'Audit', 'Bookings'].map((link) => t(link)),
    );
  });
});

test.describe('the session', () => {
  test('signing out returns to sign-in and closes the console', async ({ page, t }) => {
    const signIn = new SignInPage(page, t);
    const shell = new ConsoleShell(page, t);
    await signIn.goto();
    await signIn.signIn('facility', 'demo');
    await shell.signOut().click();
    await expect(signIn.submit()).toBeVisible();
    await page.goto('/desks');
    await expect(page).toHaveURL(/\/signin\?next=%2Fdesks$/);
  });

  test('an expired session returns to sign-in, then back where the person was', async ({ page, t }) => {
    const signIn = new SignInPage(page, t);
    const shell = new ConsoleShell(page, t);
    await signIn.goto();
    await signIn.signIn('admin', 'demo');
    await shell
      .nav()
      .getByRole('link', { name: t('Audit') })
      .click();
    await expect(page.getByRole('table')).toBeVisible();

    await test.step('the session ends on the server', async () => {
      const session = (await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string };
      const ended = await page.request.delete('/api/v1/session', { headers: { 'X-CSRF-Token': session.csrfToken } });
      expect(ended.status()).toBe(204);
    });

    // The next page that asks the service for data finds the session gone, unless the console noticed first (its
    // live stream or a refresh refused): then the page it was on is where the person returns to.
    await shell
      .nav()
      .getByRole('link', { name: t('nav.settings') })
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    await expect(page).toHaveURL(/\/signin\?next=%2F(settings|audit)$/);
    const next = new URL(page.url()).searchParams.get('next') ?? '';
    await expect(page.getByText(t('signIn.sessionEnded'))).toBeVisible();
    await signIn.signIn('admin', 'demo');
    await expect(page).toHaveURL(new RegExp(`${next}$`));
    await expect(
      page.getByRole('heading', { level: 1, name: t(next === '/settings' ? 'nav.settings' : 'Audit') }),
    ).toBeVisible();
  });

  test('a section outside the role shows the 403 page', async ({ page, t }) => {
    const signIn = new SignInPage(page, t);
    await signIn.goto();
    await signIn.signIn('helpdesk', 'demo');
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: t("You don't have access to this page") })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });
});

test.describe('every screen', () => {
  // Every screen's accessibility (axe) is checked by german-dark.spec.ts in both languages and themes.
  test('breaks no CSP rule on any screen', async ({ page, t }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        violations.push(message.text());
    });
    // A caught violation (a library's `new Function` feature test) logs nothing but still fires this event.
    await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        void (window as unknown as { reportCspViolation: (text: string) => Promise<void> }).reportCspViolation(
          `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
        );
      });
    });
    const signIn = new SignInPage(page, t);
    const shell = new ConsoleShell(page, t);
    await signIn.goto();
    await signIn.signIn('admin', 'demo');
    for (const section of navigation.admin) {
      await shell
        .nav()
        .getByRole('link', { name: t(section) })
        .click();
      await expect(shell.heading(section)).toBeVisible();
    }
    expect(violations).toEqual([]);
  });

  test('works by keyboard: sign in and move between sections', async ({ page, t }) => {
    await page.goto('/signin');
    const signIn = new SignInPage(page, t);
    await expect(signIn.userName()).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(signIn.userName()).toBeFocused();
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    await expect(new ConsoleShell(page, t).heading('Occupancy')).toBeVisible();
    const auditLink = new ConsoleShell(page, t).nav().getByRole('link', { name: t('Audit') });
    await auditLink.focus();
    await page.keyboard.press('Enter');
    await expect(new ConsoleShell(page, t).heading('Audit')).toBeVisible();
  });

  test('the layout holds at tablet width', async ({ page, t }) => {
    await page.setViewportSize({ width: 768, height: 1024 });
    const signIn = new SignInPage(page, t);
    await signIn.goto();
    await signIn.signIn('admin', 'demo');
    const nav = new ConsoleShell(page, t).nav();
    await expect(nav).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
