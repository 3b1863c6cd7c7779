import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../testing/mock-api.ts';
import { signInAt as openAs } from '../../testing/render-app.tsx';

const signInAt = async (path: string, username: string) => (await openAs(path, username)).user;

describe('the employee page', () => {
  it('says when the desk phone is not connected, instead of promising that it rings', async () => {
    mockApi.occupancy.offlinePhones.add('desk-1');
    await signInAt('/checkin', 'helpdesk');
    const mine = await screen.findByRole('region', { name: 'Your desk' });
    expect(await within(mine).findByText(/This desk’s phone is not connected to the PBX/)).toBeInTheDocument();
  });

  it('sets a phone PIN: refuses one too easy to guess at the field, takes digits only, and clears the field once saved', async () => {
    const user = await signInAt('/checkin', 'user001');
    const panel = await screen.findByRole('region', { name: 'Check in on the desk phone' });
    const pin = within(panel).getByLabelText('PIN');
    await user.type(pin, '12a34');
    expect(pin).toHaveValue('1234');
    await user.click(within(panel).getByRole('button', { name: 'Set PIN' }));
    expect(await within(panel).findByText(/Too easy to guess/)).toBeInTheDocument();
    expect(pin).toHaveAttribute('aria-invalid', 'true');
    expect(mockApi.occupancy.pins.has('user001')).toBe(false);
    await user.clear(pin);
    await user.type(pin, '5830');
    await user.click(within(panel).getByRole('button', { name: 'Set PIN' }));
    expect(await within(panel).findByText('Your PIN is saved. It is not shown again.')).toBeInTheDocument();
    expect(mockApi.occupancy.pins.has('user001')).toBe(true);
    expect(within(panel).getByLabelText('New PIN')).toHaveValue('');
  });

  it('checks in by desk name and checks out', async () => {
    const user = await signInAt('/checkin', 'user001');
    expect(await screen.findByText('You are not checked in anywhere.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Desk name', { selector: 'input' }), 'b1-0.02');
    await user.click(screen.getByRole('button', { name: 'Check in at desk' }));
    expect(await screen.findByText(/You are checked in at desk B1-0.02/)).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Your desk' })).getByText('B1-0.02')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Check out' }));
    expect(await screen.findByText('You are not checked in anywhere.')).toBeInTheDocument();
    expect(mockApi.occupancy.occupants.has('desk-2')).toBe(false);
    // One message about the last thing done: the check-in's is gone once checked out.
    expect(screen.getByRole('status')).toHaveTextContent('You are checked out.');
    expect(screen.queryByText(/You are checked in at desk/)).not.toBeInTheDocument();
  });

  it('asks before taking over an occupied desk, naming the person, and logs them out only when confirmed', async () => {
    const user = await signInAt('/checkin?computer=PC-B1-0-001', 'user001');
    const occupant = mockApi.occupancy.occupants.get('desk-1');
    await user.click(await screen.findByRole('button', { name: 'Check in at PC-B1-0-001' }));
    const dialog = await screen.findByRole('dialog', { name: 'Take over desk B1-0.01?' });
    expect(dialog).toHaveTextContent('Jonas Becker is checked in at desk B1-0.01.');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(mockApi.occupancy.occupants.get('desk-1')).toEqual(occupant);

    await user.click(screen.getByRole('button', { name: 'Check in at PC-B1-0-001' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Take over desk B1-0.01?' })).getByRole('button', {
        name: 'Take over the desk',
      }),
    );
    expect(await screen.findByText(/Jonas Becker was logged out of it\./)).toBeInTheDocument();
    expect(mockApi.occupancy.occupants.get('desk-1')?.name).toBe('user001');
  });

  it('offers the desk of the scanned label, and takes the button away once checked in there', async () => {
    const user = await signInAt('/checkin?desk=B1-0.02', 'user001');
    await user.click(await screen.findByRole('button', { name: 'Check in at desk B1-0.02' }));
    expect(await screen.findByText(/You are checked in at desk B1-0.02/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Check in at desk B1-0.02' })).not.toBeInTheDocument();
  });

  it('keeps the logon-script tokens folded away under "Advanced"', async () => {
    const user = await signInAt('/checkin', 'user001');
    const summary = await screen.findByText('Advanced: logon scripts');
    expect(screen.getByRole('button', { name: 'Create token' })).not.toBeVisible();
    await user.click(summary);
    expect(screen.getByRole('button', { name: 'Create token' })).toBeVisible();
    // A name is needed; the one typed is kept when it is refused.
    await user.clear(screen.getByLabelText('Token name'));
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('Enter a token name.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Token name'), '  Laptop  ');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('Your new token.')).toBeInTheDocument();
    expect(await screen.findByText('Laptop')).toBeInTheDocument();
  });

  it('offers one click for the computer named in the link, and shows why a check-in is refused', async () => {
    const user = await signInAt('/checkin?computer=PC-B1-0-001', 'user001');
    const button = await screen.findByRole('button', { name: 'Check in at PC-B1-0-001' });
    mockApi.occupancy.settings = {
      ...mockApi.occupancy.settings,
      policies: { ...mockApi.occupancy.settings.policies, occupiedDesk: 'refuse' },
    };
    await user.click(button);
    // Next to the button that was tapped, not at the top of the page.
    const here = screen.getByRole('region', { name: 'This computer' });
    expect(await within(here).findByRole('alert')).toHaveTextContent('Desk B1-0.01 is taken by Jonas Becker.');
  });

  it('shows a wrong computer name’s refusal at the field it was typed into', async () => {
    const user = await signInAt('/checkin', 'user001');
    const section = await screen.findByRole('region', { name: 'Check in with a computer name' });
    const field = within(section).getByLabelText('Computer name');
    await user.type(field, 'PC-NOWHERE');
    await user.click(within(section).getByRole('button', { name: 'Check in with this name' }));
    const refusal = await within(section).findByRole('alert');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(refusal.textContent ?? '');
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('shows only the methods the administrator allows', async () => {
    mockApi.occupancy.settings = {
      ...mockApi.occupancy.settings,
      loginMethods: { desk: false, computer: true, thinclient: false, phone: false },
    };
    await signInAt('/checkin', 'user001');
    expect(await screen.findByRole('heading', { name: 'Check in with a computer name' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Check in by desk name' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Computer name')).toBeInTheDocument();
  });
});

describe('the settings page', () => {
  it('saves with the version it was based on and reports a conflict without losing the edit', async () => {
    const user = await signInAt('/settings', 'admin');
    const thin = await screen.findByLabelText('Send the thin-client name (terminal server)');
    await user.click(thin);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Saved. Employees see the change at once.')).toBeInTheDocument();
    expect(mockApi.occupancy.settings).toMatchObject({ version: 2, loginMethods: { thinclient: false } });

    mockApi.occupancy.settings = { ...mockApi.occupancy.settings, version: 3 };
    await user.click(screen.getByLabelText('Refuse until they check out'));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/Someone else saved the settings/)).toBeInTheDocument();
    expect(screen.getByLabelText('Refuse until they check out')).toBeChecked();
    expect(mockApi.occupancy.settings.policies.secondDesk).toBe('move');
  });

  it('asks before turning works-council mode off, and saves only when confirmed', async () => {
    const user = await signInAt('/settings', 'admin');
    expect(mockApi.occupancy.settings.privacy.aggregateOnly).toBe(true);
    await user.click(await screen.findByLabelText('Aggregates only (works-council mode)'));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const ask = await screen.findByRole('dialog', { name: 'Turn works-council mode off?' });
    expect(ask).toHaveTextContent(/recorded in the audit log with your name/);
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(mockApi.occupancy.settings.version).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Turn works-council mode off?' })).getByRole('button', {
        name: 'Turn it off and save',
      }),
    );
    expect(await screen.findByText('Saved. Employees see the change at once.')).toBeInTheDocument();
    expect(mockApi.occupancy.settings.privacy.aggregateOnly).toBe(false);
    expect(mockApi.state.audit.at(-1)).toMatchObject({ actor: 'admin', action: 'settings.update' });
  });

  it('asks before leaving with unsaved edits, and takes only a time zone from the list', async () => {
    const user = await signInAt('/settings', 'admin');
    const zone = await screen.findByRole('combobox', { name: 'Time zone of the site' });
    await user.clear(zone);
    await user.type(zone, 'Europe/Nowhere');
    expect(screen.getByText('You have unsaved changes.')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Audit' }));
    const leave = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(leave).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Choose a time zone from the list, e.g. Europe/Berlin.')).toBeInTheDocument();
    expect(mockApi.occupancy.settings.version).toBe(1);
    await user.clear(zone);
    await user.type(zone, 'Europe/Vienna');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Saved. Employees see the change at once.')).toBeInTheDocument();
    expect(mockApi.occupancy.settings.autoLogout.timeZone).toBe('Europe/Vienna');
  });

  it('takes the daily logout time as people type it, on a 24-hour clock', async () => {
    const user = await signInAt('/settings', 'admin');
    await user.click(await screen.findByLabelText('Log everyone out every day'));
    const at = screen.getByRole('textbox', { name: 'At' });
    expect(at).toHaveAccessibleDescription('24-hour clock, e.g. 19:00');
    await user.clear(at);
    await user.type(at, '25:00');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('A time like 19:00.')).toBeInTheDocument();
    expect(mockApi.occupancy.settings.version).toBe(1);
    await user.clear(at);
    await user.type(at, '7.30');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Saved. Employees see the change at once.')).toBeInTheDocument();
    expect(mockApi.occupancy.settings.autoLogout.dailyAt).toBe('07:30');
  });

  it('will not switch every login method off', async () => {
    const user = await signInAt('/settings', 'admin');
    await user.click(await screen.findByLabelText('Type the desk name'));
    await user.click(screen.getByLabelText('Send the PC’s computer name'));
    await user.click(screen.getByLabelText('Send the thin-client name (terminal server)'));
    await user.click(screen.getByLabelText('Dial a code on the desk phone (extension and PIN)'));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Leave at least one login method on.')).toBeInTheDocument();
    expect(mockApi.occupancy.settings.version).toBe(1);
  });
});

describe('the occupancy board', () => {
  it('finds a person and logs them out after a confirmation naming them', async () => {
    const user = await signInAt('/occupancy', 'helpdesk');
    const table = await screen.findByRole('table', { name: 'Occupancy' });
    await user.type(screen.getByLabelText('Search'), 'jonas becker');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    // Found by person; search by desk so that the row stays in view once they are gone.
    await user.clear(screen.getByLabelText('Search'));
    await user.type(screen.getByLabelText('Search'), 'b1-0.01');
    await user.click(within(table).getByRole('button', { name: 'Log out Jonas Becker from B1-0.01' }));
    const dialog = screen.getByRole('dialog', { name: 'Log Jonas Becker out of B1-0.01?' });
    await user.click(within(dialog).getByRole('button', { name: 'Log out' }));
    expect(await within(table).findByText('Logged out')).toBeInTheDocument();
    expect(mockApi.occupancy.occupants.size).toBe(0);
  });

  it('checks someone in at a free desk, found by a name typed without accents', async () => {
    const user = await signInAt('/occupancy', 'helpdesk');
    const table = await screen.findByRole('table', { name: 'Occupancy' });
    await user.click(within(table).getByRole('button', { name: 'Check someone in at B1-0.02' }));
    const dialog = screen.getByRole('dialog', { name: 'Check someone in at desk B1-0.02' });
    await user.type(within(dialog).getByLabelText('Person'), 'kruger sabine');
    // The one person found is the one meant: no need to choose her first.
    expect(await within(dialog).findByRole('radio', { name: /Sabine Krüger/ })).toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Check in Sabine Krüger' }));
    expect(await screen.findByText('Sabine Krüger is checked in at desk B1-0.02.')).toHaveAttribute('role', 'status');
    expect(mockApi.occupancy.occupants.get('desk-2')).toMatchObject({ name: 'admin', method: 'console' });
  });

  it('logs out everyone shown as occupied, phone offline or not, sums it up and keeps the rows in view', async () => {
    mockApi.occupancy.occupants.set('desk-2', { name: 'user001', since: '2026-11-22T08:30:00.000Z', method: 'desk' });
    mockApi.occupancy.occupants.set('desk-3', { name: 'user299', since: '2026-11-22T08:40:00.000Z', method: 'desk' });
    mockApi.occupancy.offlinePhones.add('desk-2');
    mockApi.occupancy.failingLogouts.set('desk-3', 'The PBX did not answer.');
    const user = await signInAt('/occupancy', 'helpdesk');
    const table = await screen.findByRole('table', { name: 'Occupancy' });
    await user.selectOptions(screen.getByLabelText('Show'), 'occupied');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    expect(within(table).getByText('✕ Offline')).toBeInTheDocument();
    // The extension is shown beside the person.
    expect(within(table).getByText('· 1001')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Log out everyone shown (3)' }));
    const dialog = screen.getByRole('dialog', { name: 'Log out 3 people?' });
    await user.click(within(dialog).getByRole('button', { name: 'Log out 3 people' }));
    const summary = await screen.findByText('2 of 3 people logged out.');
    expect(summary.closest('.alert')).toHaveTextContent(/1 logout failed:B1-0\.\d+: The PBX did not answer\./);
    // Free now, but still in view with what happened, until the filter changes.
    expect(within(table).getAllByText('Logged out')).toHaveLength(2);
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    await user.selectOptions(screen.getByLabelText('Show'), 'all');
    await user.selectOptions(screen.getByLabelText('Show'), 'occupied');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(screen.queryByText('2 of 3 people logged out.')).not.toBeInTheDocument();
  });

  it('finds a person by extension and by words in any order', async () => {
    const user = await signInAt('/occupancy', 'helpdesk');
    const table = await screen.findByRole('table', { name: 'Occupancy' });
    await user.type(screen.getByLabelText('Search'), '101');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getByText('Jonas Becker')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Search'));
    await user.type(screen.getByLabelText('Search'), 'BECKER jonas');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
  });

  it('keeps its filters and sort order in the address: a shared link opens the same view, back returns', async () => {
    mockApi.occupancy.occupants.set('desk-2', { name: 'user001', since: '2026-11-22T08:30:00.000Z', method: 'desk' });
    const { user, router } = await openAs('/occupancy?state=occupied&sort=-desk', 'helpdesk');
    const table = await screen.findByRole('table', { name: 'Occupancy' });
    expect(screen.getByLabelText('Show')).toHaveValue('occupied');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    // Highest desk name first, as the link says.
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('B1-0.02');
    await user.selectOptions(screen.getByLabelText('Show'), 'all');
    expect(router.state.location.search).toBe('?sort=-desk');
    await user.type(screen.getByLabelText('Search'), 'becker');
    await waitFor(() => expect(router.state.location.search).toBe('?sort=-desk&q=becker'));
    // Typing replaced the address's entry: one step back is the view before the filter changed.
    await act(() => router.navigate(-1));
    expect(screen.getByLabelText('Show')).toHaveValue('occupied');
    expect(screen.getByLabelText('Search')).toHaveValue('');
  });

  it('is read-only for facility managers', async () => {
    await signInAt('/occupancy', 'facility');
    const table = await screen.findByRole('table', { name: 'Occupancy' });
    expect(within(table).queryByRole('button', { name: /^Log out/ })).not.toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: /^Check someone in/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Log out everyone/ })).not.toBeInTheDocument();
  });
});
