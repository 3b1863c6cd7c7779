import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../testing/mock-api.ts';
import { signInAt } from '../../testing/render-app.tsx';

/** Insights over the mock API, whose utilisation is computed like the service's from its session history. */
async function openInsights(name = 'facility') {
  return (await signInAt('/insights', name)).user;
}

/** A weekday at least three days ago, 09:00 to 13:00 UTC: inside the default office hours (Europe/Berlin). */
const morning = new Date();
morning.setUTCDate(morning.getUTCDate() - 3);
while (morning.getUTCDay() === 0 || morning.getUTCDay() === 6) morning.setUTCDate(morning.getUTCDate() - 1);
morning.setUTCHours(9, 0, 0, 0);
const fourHours = { since: morning, until: new Date(morning.getTime() + 4 * 3_600_000) };

describe('Insights', () => {
  it('shows the least-used desks and, with aggregate-only off, each floor’s numbers in the table view', async () => {
    mockApi.occupancy.settings = {
      ...mockApi.occupancy.settings,
      privacy: { aggregateOnly: false, retentionDays: 90 },
    };
    mockApi.occupancy.occupants.clear();
    mockApi.occupancy.history.push({ deskId: 'desk-1', userName: 'user001', ...fourHours });
    const user = await openInsights();
    expect(await screen.findByRole('heading', { name: 'Utilisation per floor by day' })).toBeInTheDocument();
    await user.click(await screen.findByText('Table view'));
    const table = screen.getByRole('table', { name: 'Utilisation per group and interval' });
    const used = within(table)
      .getAllByRole('row')
      .filter((row) => within(row).queryAllByRole('cell')[3]?.textContent === '4');
    expect(used).toHaveLength(1);
    const least = await screen.findByRole('heading', { name: 'Least-used desks' });
    const list = within(least.closest('section') ?? document.body).getByRole('list');
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['B1-0.02 never used', 'B1-0.10 never used', 'B1-0.01 4 desk-hours']);

    // One floor: its map shades each placed desk by its use, with the figures on focus.
    expect(screen.getByText(/Choose a floor above to see its desks shaded/)).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Floor'), 'Berlin HQ · Ground floor');
    const map = await screen.findByRole('group', { name: 'Desk use on Ground floor' });
    const busiest = within(map).getByRole('button', { name: /^Desk B1-0\.01: [\d.,]+% utilisation, 4 desk-hours$/ });
    expect(busiest).toHaveClass('heat-5');
    expect(within(map).getByRole('button', { name: 'Desk B1-0.02: never used in this period' })).toHaveClass('heat-0');
    await user.hover(busiest);
    expect(map.closest('.floor-heat')?.querySelector('.canvas-hint')).toHaveTextContent(
      /Desk B1-0\.01: [\d.,]+% utilisation/,
    );
  });

  it('in aggregate-only mode says why numbers are missing', async () => {
    mockApi.occupancy.history.push({ deskId: 'desk-1', userName: 'user001', ...fourHours });
    await openInsights();
    expect(
      await screen.findByText(/Aggregate-only mode: a floor and time that fewer than five people used/),
    ).toBeInTheDocument();
    expect(await screen.findByText(/used by fewer than five people: aggregate-only mode hides/)).toBeInTheDocument();
    // What the numbers mean, in words on the page.
    expect(screen.getByText(/Utilisation is the share of office hours the desks were used/)).toBeInTheDocument();
  });

  it('in aggregate-only mode shows a zone’s figures on the floor map when its desks are hidden', async () => {
    const floorId = mockApi.desks.floors[0]?.id ?? '';
    mockApi.desks.zones.push({
      id: 'zone-window',
      floorId,
      name: 'Window',
      color: '#3b82f6',
      polygon: [
        { x: 0.1, y: 0.1 },
        { x: 0.6, y: 0.1 },
        { x: 0.6, y: 0.6 },
      ],
      version: 1,
    });
    for (const desk of mockApi.desks.desks) desk.zoneId = 'zone-window';
    // Five people in the zone, none of them more than three at one desk: the zone shows, the desks do not.
    for (const [index, person] of ['user001', 'user002', 'user003', 'user004', 'user005'].entries()) {
      const since = new Date(fourHours.since.getTime() + index * 600_000);
      mockApi.occupancy.history.push({
        deskId: index < 3 ? 'desk-1' : 'desk-2',
        userName: person,
        since,
        until: new Date(since.getTime() + 600_000),
      });
    }
    const user = await openInsights();
    await screen.findByRole('option', { name: 'Berlin HQ · Ground floor' });
    await user.selectOptions(screen.getByLabelText('Floor'), 'Berlin HQ · Ground floor');
    const map = await screen.findByRole('group', { name: 'Desk use on Ground floor' });
    expect(await within(map).findByText(/^Window: [\d.,]+%$/)).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent(
      /The zone label shows its zone’s utilisation instead, over the weeks at least five people used it\.$/,
    );
  });

  it('says on the floor map how many desks aggregate-only mode hides, and why', async () => {
    mockApi.occupancy.history.push({ deskId: 'desk-1', userName: 'user001', ...fourHours });
    const user = await openInsights();
    await screen.findByRole('option', { name: 'Berlin HQ · Ground floor' });
    await user.selectOptions(screen.getByLabelText('Floor'), 'Berlin HQ · Ground floor');
    await screen.findByRole('group', { name: 'Desk use on Ground floor' });
    expect(screen.getByRole('note')).toHaveTextContent(/^1 of 2 desks show no figures: in aggregate-only mode/);
  });

  it('is not offered to helpdesk', async () => {
    await openInsights('helpdesk');
    await screen.findByRole('navigation', { name: 'Sections' });
    expect(screen.queryByRole('link', { name: 'Insights' })).not.toBeInTheDocument();
  });

  it('counts the bookings of the range: confirmed, released because nobody came, and the no-show rate', async () => {
    const booking = (id: string, state: 'confirmed' | 'released') => ({
      id,
      deskId: 'desk-1',
      deskName: 'B1-0.01',
      floorId: 'f1000000-0000-4000-8000-000000000001',
      floorName: 'Ground floor',
      start: fourHours.since.toISOString(),
      end: fourHours.until.toISOString(),
      state,
      confirmFrom: fourHours.since.toISOString(),
      confirmUntil: fourHours.until.toISOString(),
      person: { name: `user00${id}`, displayName: 'Someone' },
      bookedBy: `user00${id}`,
      seriesId: null,
    });
    mockApi.occupancy.bookings.push(booking('1', 'confirmed'), booking('2', 'confirmed'), booking('3', 'confirmed'));
    mockApi.occupancy.bookings.push(booking('4', 'released'));
    await openInsights();
    const card = await screen.findByRole('region', { name: 'Bookings' });
    expect(await within(card).findByText('No-show rate')).toBeInTheDocument();
    expect(within(card).getByText('25%')).toBeInTheDocument();
    expect(within(card).getByText('Released (nobody came)').nextSibling).toHaveTextContent('1');
  });
});
