import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { demoOutbox } from '../../../mocks/handlers/mail.ts';
import { mockApi } from '../../testing/mock-api.ts';
import { signInAt } from '../../testing/render-app.tsx';

describe('e-mail', () => {
  it('an employee chooses which mail they get and where; a wrong address is refused at the field', async () => {
    const { user } = await signInAt('/checkin', 'user001');
    const panel = await screen.findByRole('region', { name: 'E-mail' });
    expect(await within(panel).findByText(/^Mail goes to user001@demo\.example\./)).toBeInTheDocument();
    // Employees are not offered the facility summary.
    expect(within(panel).queryByLabelText(/yesterday's desk use/)).toBeNull();
    await user.click(within(panel).getByLabelText('A reminder before check-in opens'));
    await user.click(within(panel).getByLabelText('Use another address than user001@demo.example'));
    await user.type(within(panel).getByLabelText('E-mail address'), 'nikolai at home');
    await user.click(within(panel).getByRole('button', { name: 'Save e-mail settings' }));
    expect(await within(panel).findByText('An e-mail address, like anna@example.com.')).toBeInTheDocument();
    expect(mockApi.occupancy.mail.preferences.size).toBe(0);
    await user.clear(within(panel).getByLabelText('E-mail address'));
    await user.type(within(panel).getByLabelText('E-mail address'), 'nikolai@example.org');
    await user.selectOptions(within(panel).getByLabelText('Language'), 'de');
    await user.click(within(panel).getByRole('button', { name: 'Save e-mail settings' }));
    expect(await within(panel).findByText('Mail goes to nikolai@example.org.', { exact: false })).toBeInTheDocument();
    expect(mockApi.occupancy.mail.preferences.get('user001')).toMatchObject({
      address: 'nikolai@example.org',
      language: 'de',
      reminders: false,
      bookings: true,
    });
  });

  it('administrators read the outbox, and what it says when no mail server is configured', async () => {
    mockApi.occupancy.mail.outbox.push(...demoOutbox(Date.now(), 'B1-0.04'));
    const { user } = await signInAt('/audit?view=outbox', 'admin');
    expect(await screen.findByText(/^No mail server is configured/)).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Mail outbox, newest first' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    // Aggregates only (the default): booking messages are listed, not read; a helpdesk logout's message is.
    expect(within(table).getAllByRole('button', { name: 'Booking message (withheld)' })).toHaveLength(2);
    expect(within(table).queryByText(/Erinnerung: Arbeitsplatz/)).not.toBeInTheDocument();
    const [first] = within(table).getAllByRole('button', { name: 'Booking message (withheld)' });
    if (first) await user.click(first);
    const withheld = await screen.findByRole('dialog', { name: 'Message' });
    expect(await within(withheld).findByText(/works-council mode/)).toBeInTheDocument();
    expect(within(withheld).queryByText(/Sie haben Arbeitsplatz/)).not.toBeInTheDocument();
    await user.click(within(withheld).getByRole('button', { name: 'Close' }));
    await user.click(within(table).getByRole('button', { name: 'Sie wurden von Arbeitsplatz B1-0.04 abgemeldet' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sie wurden von Arbeitsplatz B1-0.04 abgemeldet' });
    expect(await within(dialog).findByText(/Grund: Der Arbeitsplatz wird umgebaut\./)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await user.selectOptions(screen.getByLabelText('Show'), 'failed');
    expect(await screen.findByText('No message is in that state.')).toBeInTheDocument();
  });

  it('helpdesk gives a reason when logging someone out; it goes into the audit log (and their e-mail)', async () => {
    const { user } = await signInAt('/occupancy', 'helpdesk');
    const table = await screen.findByRole('table', { name: 'Occupancy' });
    await user.type(screen.getByLabelText('Search'), 'b1-0.01');
    await user.click(within(table).getByRole('button', { name: 'Log out Jonas Becker from B1-0.01' }));
    const dialog = screen.getByRole('dialog', { name: 'Log Jonas Becker out of B1-0.01?' });
    await user.type(within(dialog).getByLabelText('Reason (optional)'), 'Desk is being repaired');
    await user.click(within(dialog).getByRole('button', { name: 'Log out' }));
    expect(await within(table).findByText('Logged out')).toBeInTheDocument();
    expect(mockApi.state.audit[0]).toMatchObject({
      action: 'occupancy.force_logout',
      detail: { user: 'helpdesk', note: 'Desk is being repaired' },
    });
  });
});
