import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../testing/mock-api.ts';
import { signInAt } from '../../testing/render-app.tsx';

describe('the occupancy board and bookings', () => {
  it('says of a free desk that it is booked soon, and for whom', async () => {
    const start = new Date(Date.now() + 3_600_000);
    mockApi.occupancy.bookings.push({
      id: 'b-1',
      deskId: 'desk-2',
      deskName: 'B1-0.02',
      floorId: 'f1000000-0000-4000-8000-000000000001',
      floorName: 'Ground floor',
      start: start.toISOString(),
      end: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
      state: 'booked',
      confirmFrom: start.toISOString(),
      confirmUntil: start.toISOString(),
      person: { name: 'user001', displayName: 'Nikolai Braun' },
      bookedBy: 'user001',
      seriesId: null,
    });
    await signInAt('/occupancy', 'helpdesk');
    const row = await screen.findByRole('row', { name: /B1-0\.02/ });
    expect(await within(row).findByText(/^Free, booked for Nikolai Braun /)).toBeInTheDocument();
    expect(within(await screen.findByRole('row', { name: /B1-0\.10/ })).getByText('Free')).toBeInTheDocument();
  });

  it('says of a free walk-in desk that nobody books it ahead', async () => {
    const walkIn = mockApi.desks.desks.find((desk) => desk.name === 'B1-0.02');
    if (walkIn) walkIn.bookable = false;
    await signInAt('/occupancy', 'helpdesk');
    const row = await screen.findByRole('row', { name: /B1-0\.02/ });
    expect(await within(row).findByText('Free, walk-in only')).toBeInTheDocument();
  });
});
