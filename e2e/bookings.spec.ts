import { expect, test } from './fixtures.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';

test.describe('booking a desk', () => {
  test('an employee books a desk for tomorrow morning, sees it on their list, and cancels it', async ({
    pageAs,
    t,
  }) => {
    const page = await pageAs('user041', '/bookings');
    const book = page.getByRole('region', { name: t('bookings.title') });
    await book
      .getByRole('group', { name: t('bookings.day') })
      .getByRole('radio')
      .nth(1)
      .check();
    await book.getByRole('radio', { name: t('bookings.partMorning') }).check();
    const free = book
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: t.matching('bookings.bookDesk') }) })
      .first();
    const deskName = (await free.getByRole('strong').textContent()) ?? '';
    await free.getByRole('button').click();
    await expect(book.getByRole('status')).toContainText(deskName);
    await expectNoSeriousAxeViolations(page);

    const mine = page.getByRole('region', { name: t('bookings.mine') });
    const booking = mine.getByRole('listitem').filter({ hasText: deskName });
    await expect(booking).toBeVisible();
    await booking.getByRole('button', { name: t('bookings.cancel') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: t('bookings.cancel') }).click();
    await expect(booking.getByText(t('bookings.stateCancelled'))).toBeVisible();
  });

  test('helpdesk sees the day’s bookings of everyone', async ({ pageAs, t }) => {
    const page = await pageAs('helpdesk', '/bookings');
    const all = page.getByRole('region', { name: t.matching('bookings.allTitle') });
    const person = all.getByRole('columnheader', { name: t('bookings.colPerson') });
    // The demo books a dozen desks every working day; today's are released as the afternoon goes on, so the day
    // shown is the first from today that has bookings (a working day is at most three days ahead).
    for (let day = 0; day < 3; day += 1) {
      await expect(person.or(all.getByText(t('bookings.noneDay')))).toBeVisible();
      if (await person.isVisible()) break;
      await all.getByRole('button', { name: t('bookings.nextDay') }).click();
    }
    await expect(person).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });
});
