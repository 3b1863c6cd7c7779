import { demoCompany } from '../sim/demo-company.ts';
import { boardRows } from './api.ts';
import { expectNoSeriousAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { SignInPage } from './pages/sign-in-page.ts';

interface Row {
  deskId: string;
  deskName: string;
  enabled: boolean;
  occupant: { name: string } | null;
  method: string | null;
  /** Only a desk whose phone is connected rings for the person (the demo has a few offline phones). */
  phoneRegistered: boolean;
}

const board = () => boardRows<Row>();

/** A free, open desk of the demo company that no other spec picks first (from the end of the list). */
const freeDesk = async (skip = 0): Promise<Row> => {
  const desk = (await board()).filter((row) => row.enabled && !row.occupant && row.phoneRegistered).reverse()[skip];
  if (!desk) throw new Error('no free desk in the demo company');
  return desk;
};

test('helpdesk checks a person in at a free desk from the board, finding them as they type', async ({ pageAs, t }) => {
  const desk = await freeDesk(0);
  const person = demoCompany().users.find((user) => user.h323 === 'user041');
  if (!person) throw new Error('no user041');
  const page = await pageAs('helpdesk', '/occupancy');
  await page.getByLabel(t('board.search')).fill(desk.deskName);
  await page.getByRole('button', { name: t('board.checkinLabel', { desk: desk.deskName }) }).click();
  const dialog = page.getByRole('dialog', { name: t('someone.title', { desk: desk.deskName }) });
  // Last name first, lowercase and without accents: still found.
  const [first, last] = person.cn.split(' ');
  const typed = `${last ?? ''} ${first ?? ''}`
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
  await dialog.getByLabel(t('someone.person')).fill(typed);
  await dialog.getByRole('radio', { name: /· user041$/ }).check();
  await expectNoSeriousAxeViolations(page);
  await dialog.getByRole('button', { name: t('someone.submitNamed', { name: person.cn }) }).click();
  await expect(
    page.getByRole('status').filter({ hasText: t('someone.done', { name: person.cn, desk: desk.deskName }) }),
  ).toBeVisible();
  await expect
    .poll(async () => (await board()).find((row) => row.deskId === desk.deskId))
    .toMatchObject({ occupant: { name: 'user041' }, method: 'console' });
});

test('an employee on a phone scans the desk’s QR code, signs in, and checks in with one tap', async ({
  browser,
  locale,
  t,
}) => {
  const desk = await freeDesk(1);
  const context = await browser.newContext({
    ...(locale === undefined ? {} : { locale }),
    viewport: { width: 390, height: 844 },
  });
  const page = await context.newPage();
  await page.goto(`/checkin?desk=${encodeURIComponent(desk.deskName)}`);
  await new SignInPage(page, t).signIn('user042', 'demo');
  const tap = page.getByRole('button', { name: t('checkin.atDesk', { desk: desk.deskName }) });
  await expect(tap).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await tap.click();
  await expect(page.getByRole('status').filter({ hasText: t('checkin.done', { desk: desk.deskName }) })).toBeVisible();
  // Checked in there: the label's button has done its job and goes.
  await expect(tap).toBeHidden();
  await expectNoSeriousAxeViolations(page);
  await expect
    .poll(async () => (await board()).find((row) => row.deskId === desk.deskId))
    .toMatchObject({ occupant: { name: 'user042' }, method: 'desk' });
  await context.close();
});
