import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../testing/mock-api.ts';
import { signInAt } from '../../testing/render-app.tsx';

describe('Bookings', () => {
  it('an employee books a free desk for tomorrow morning in three taps, sees it, and cancels it', async () => {
    const { user } = await signInAt('/bookings', 'user001');
    const book = await screen.findByRole('region', { name: 'Book a desk' });
    const days = within(within(book).getByRole('group', { name: 'Day' })).getAllByRole('radio');
    expect(days[0]).toBeChecked();
    await user.click(days[1] as HTMLElement);
    await user.click(within(book).getByRole('radio', { name: 'Morning' }));
    await user.click(await within(book).findByRole('button', { name: 'Book B1-0.02' }));
    expect(await within(book).findByRole('status')).toHaveTextContent(
      /^Booked B1-0\.02 for .*, 8:00\sAM–12:00\sPM\. Check in there between 7:45\sAM and 8:30\sAM to confirm it\.$/,
    );
    expect(mockApi.occupancy.bookings).toHaveLength(1);

    const mine = screen.getByRole('region', { name: 'My bookings' });
    expect(await within(mine).findByText('B1-0.02')).toBeInTheDocument();
    expect(within(mine).getByText('Booked')).toBeInTheDocument();
    // The desk now shows as the employee's own for that time.
    expect(await within(within(book).getByRole('list')).findByText('Yours')).toBeInTheDocument();

    await user.click(within(mine).getByRole('button', { name: 'Cancel booking' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel the booking of B1-0.02?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel booking' }));
    expect(await within(mine).findByText('Cancelled')).toBeInTheDocument();
    expect(mockApi.occupancy.bookings[0]?.state).toBe('cancelled');
  });

  it('books from the floor plan: each desk named with its state, a free one booked at a tap', async () => {
    const { user } = await signInAt('/bookings', 'user001');
    const book = await screen.findByRole('region', { name: 'Book a desk' });
    await user.click(within(book).getAllByRole('radio')[1] as HTMLElement);
    await within(book).findByRole('button', { name: 'Book B1-0.02' });
    // The only floor: its plan is shown at once (with several, once one is chosen).
    const plan = await within(book).findByRole('figure', { name: 'Ground floor: desks for the time chosen' });
    await user.click(within(plan).getByRole('button', { name: 'Book B1-0.02 on the plan' }));
    expect(await within(book).findByRole('status')).toHaveTextContent(/^Booked B1-0\.02 /);
    expect(await within(plan).findByRole('button', { name: 'B1-0.02 on the plan: Yours' })).toBeDisabled();
    expect(mockApi.occupancy.bookings[0]).toMatchObject({ deskId: 'desk-2' });
  });

  it('a desk someone else booked shows as booked, without their name; a refusal is shown as the service words it', async () => {
    const { user } = await signInAt('/bookings', 'user001');
    const book = await screen.findByRole('region', { name: 'Book a desk' });
    await user.click(within(book).getAllByRole('radio')[1] as HTMLElement);
    await user.click(await within(book).findByRole('button', { name: 'Book B1-0.01' }));
    await within(book).findByRole('status');
    // The same person cannot hold a second desk at that time.
    await user.click(within(book).getByRole('button', { name: 'Book B1-0.02' }));
    expect(await within(book).findByRole('alert')).toHaveTextContent('You have booked desk B1-0.01 for that time.');
  });

  it('helpdesk sees every booking of a day with its person, and books for someone', async () => {
    const { user } = await signInAt('/bookings', 'helpdesk');
    const book = await screen.findByRole('region', { name: 'Book a desk' });
    await user.type(within(book).getByLabelText('Someone else (empty: yourself)'), 'Nikolai');
    await user.click(await within(book).findByRole('button', { name: 'Nikolai Braun' }));
    expect(within(book).getByRole('heading', { name: 'Book a desk for Nikolai Braun' })).toBeInTheDocument();
    await user.click(await within(book).findByRole('button', { name: 'Book B1-0.02' }));
    await within(book).findByRole('status');
    expect(mockApi.occupancy.bookings[0]).toMatchObject({ person: { name: 'user001' }, bookedBy: 'helpdesk' });

    const all = screen.getByRole('region', { name: /^All bookings/ });
    expect(await within(all).findByRole('cell', { name: 'Nikolai Braun' })).toBeInTheDocument();
    expect(within(all).getByRole('cell', { name: 'helpdesk' })).toBeInTheDocument();
  });

  it('makes a private calendar address, shows it once, and asks before replacing it', async () => {
    const { user } = await signInAt('/bookings', 'user001');
    await user.click(await screen.findByText('Bookings in your calendar'));
    await user.click(screen.getByRole('button', { name: 'Make a calendar address' }));
    const shown = await screen.findByText(/\/api\/v1\/calendar\/.+\/bookings\.ics$/);
    const first = shown.textContent;
    await user.click(screen.getByRole('button', { name: 'Make a new address' }));
    const dialog = await screen.findByRole('dialog', { name: 'Make a new calendar address?' });
    await user.click(within(dialog).getByRole('button', { name: 'Make a new address' }));
    await waitFor(() => expect(screen.getByText(/\/api\/v1\/calendar\//).textContent).not.toBe(first));
    expect(mockApi.occupancy.calendarFeeds.get('user001')?.secret).toBeDefined();
  });
});
