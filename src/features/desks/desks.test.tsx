import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../testing/mock-api.ts';
import { signInAt } from '../../testing/render-app.tsx';

async function openDeskTable(user: ReturnType<typeof userEvent.setup>, username = 'facility') {
  await signInAt('/desks', username, user);
  return screen.findByRole('table', { name: 'Desks' });
}

/** The desk names in the table's rows, in order (the name is the first cell after the checkbox, if any). */
const rowNames = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map(
      (row) =>
        within(row)
          .getAllByRole('cell')
          .find((cell) => !within(cell).queryByRole('checkbox'))?.textContent,
    );

describe('the desk table', () => {
  it('lists desks with MACs formatted, and finds them by MAC in any notation or by computer name', async () => {
    const user = userEvent.setup();
    const table = await openDeskTable(user);
    expect(rowNames(table)).toEqual(['B1-0.01', 'B1-0.02', 'B1-0.10']);
    expect(within(table).getByText('00:90:33:00:00:01')).toBeInTheDocument();
    const search = screen.getByLabelText('Search');
    await user.type(search, '0090.3300.00AB');
    await waitFor(() => expect(rowNames(table)).toEqual(['B1-0.10']));
    await user.clear(search);
    await user.type(search, 'pc-b1');
    await waitFor(() => expect(rowNames(table)).toEqual(['B1-0.01']));
    expect(screen.getByText('1 of 3 desks')).toHaveAttribute('role', 'status');
  });

  it('sorts by a column, both ways, and says so to assistive technology', async () => {
    const user = userEvent.setup();
    const table = await openDeskTable(user);
    await user.click(within(table).getByRole('button', { name: /Check-in/ }));
    expect(rowNames(table)[0]).toBe('B1-0.10');
    await user.click(within(table).getByRole('button', { name: /Desk/ }));
    await user.click(within(table).getByRole('button', { name: /Desk/ }));
    expect(rowNames(table)).toEqual(['B1-0.10', 'B1-0.02', 'B1-0.01']);
    expect(within(table).getByRole('columnheader', { name: /Desk/ })).toHaveAttribute('aria-sort', 'descending');
  });

  it('shows the service’s uniqueness errors at the field, and saves when fixed', async () => {
    const user = userEvent.setup();
    await openDeskTable(user);
    await user.click(screen.getByRole('button', { name: 'New desk' }));
    const dialog = screen.getByRole('dialog', { name: 'New desk' });
    await user.type(within(dialog).getByLabelText('Desk name'), 'b1-0.01');
    await user.type(within(dialog).getByLabelText('Phone MAC'), '00-90-33-99-99-99');
    await user.click(within(dialog).getByRole('button', { name: 'Save desk' }));
    expect(await within(dialog).findByText('The desk name "B1-0.01" is already used.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Desk name')).toHaveAttribute('aria-invalid', 'true');
    await user.clear(within(dialog).getByLabelText('Desk name'));
    await user.type(within(dialog).getByLabelText('Desk name'), 'B1-0.03');
    await user.click(within(dialog).getByRole('button', { name: 'Save desk' }));
    await waitFor(() => expect(mockApi.desks.desks.map((desk) => desk.name)).toContain('B1-0.03'));
    expect(mockApi.desks.desks.find((desk) => desk.name === 'B1-0.03')?.mac).toBe('009033999999');
  });

  it('validates MACs and computer names before asking the service', async () => {
    const user = userEvent.setup();
    await openDeskTable(user);
    await user.click(screen.getByRole('button', { name: 'New desk' }));
    const dialog = screen.getByRole('dialog', { name: 'New desk' });
    await user.type(within(dialog).getByLabelText('Desk name'), 'X');
    await user.type(within(dialog).getByLabelText('Phone MAC'), '00:90:33');
    await user.type(within(dialog).getByLabelText('Computer and thin-client names'), 'PC:1');
    await user.click(within(dialog).getByRole('button', { name: 'Save desk' }));
    expect(await within(dialog).findByText(/Enter the phone MAC as 12 hex digits/)).toBeInTheDocument();
    expect(within(dialog).getByText(/contains a character Windows does not allow/)).toBeInTheDocument();
    expect(mockApi.desks.desks).toHaveLength(3);
  });

  it('keeps the person’s edit when someone else changed the desk, and lets them save over it', async () => {
    const user = userEvent.setup();
    const table = await openDeskTable(user);
    await user.click(within(table).getByRole('button', { name: 'Edit B1-0.02' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit desk B1-0.02' });
    const other = mockApi.desks.desks.find((desk) => desk.id === 'desk-2');
    if (other) Object.assign(other, { computerNames: ['PC-THEIRS'], version: 2 });
    await user.type(within(dialog).getByLabelText('Computer and thin-client names'), 'PC-MINE');
    await user.click(within(dialog).getByRole('button', { name: 'Save desk' }));
    expect(await within(dialog).findByText(/Someone else changed this desk/)).toBeInTheDocument();
    expect(within(dialog).getByText(/PC-THEIRS/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Computer and thin-client names')).toHaveValue('PC-MINE');
    await user.click(within(dialog).getByRole('button', { name: 'Save mine over theirs' }));
    await waitFor(() =>
      expect(mockApi.desks.desks.find((desk) => desk.id === 'desk-2')?.computerNames).toEqual(['PC-MINE']),
    );
  });

  it('asks before deleting, and deletes', async () => {
    const user = userEvent.setup();
    const table = await openDeskTable(user);
    await user.click(within(table).getByRole('button', { name: 'Delete B1-0.10' }));
    const confirm = screen.getByRole('dialog', { name: 'Delete desk B1-0.10?' });
    expect(mockApi.desks.desks).toHaveLength(3);
    await user.click(within(confirm).getByRole('button', { name: 'Delete desk' }));
    await waitFor(() => expect(mockApi.desks.desks.map((desk) => desk.name)).toEqual(['B1-0.01', 'B1-0.02']));
  });

  it('changes the desks selected at once: closes those shown for check-in and takes them off their floor', async () => {
    const user = userEvent.setup();
    const table = await openDeskTable(user);
    await user.type(screen.getByLabelText('Search'), 'B1-0.0');
    await waitFor(() => expect(rowNames(table)).toEqual(['B1-0.01', 'B1-0.02']));
    await user.click(within(table).getByRole('checkbox', { name: 'Select all 2 desks shown' }));
    expect(screen.getByText('2 desks selected')).toHaveAttribute('role', 'status');
    await user.click(screen.getByRole('button', { name: 'Edit selected…' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit 2 desks' });
    expect(within(dialog).getByRole('button', { name: 'Change 2 desks' })).toBeDisabled();
    await user.selectOptions(within(dialog).getByLabelText('Check-in'), 'Closed');
    await user.selectOptions(within(dialog).getByLabelText('Floor'), 'Not on a floor');
    await user.click(within(dialog).getByRole('button', { name: 'Change 2 desks' }));

    expect(await screen.findByText('2 desks changed.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: 'Edit 2 desks' })).toBeNull();
    const [first, second, third] = mockApi.desks.desks;
    for (const desk of [first, second]) expect(desk).toMatchObject({ enabled: false, floorId: null, x: null, y: null });
    expect(third).toMatchObject({ name: 'B1-0.10', computerNames: ['TC-B1-0-010'] });
    // Nothing else about them changed.
    expect(first?.computerNames).toEqual(['PC-B1-0-001']);
  });

  it('deletes the desks selected after asking, and lists the ones it may not delete with the reason', async () => {
    // Desk B1-0.01 is occupied (the mock's helpdesk user sits there); B1-0.02 is free.
    const user = userEvent.setup();
    const table = await openDeskTable(user);
    await user.click(within(table).getByRole('checkbox', { name: 'Select B1-0.01' }));
    await user.click(within(table).getByRole('checkbox', { name: 'Select B1-0.02' }));
    await user.click(screen.getByRole('button', { name: 'Delete selected…' }));
    const confirm = screen.getByRole('dialog', { name: 'Delete 2 desks?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete 2 desks' }));

    const failed = await within(confirm).findByRole('alert');
    expect(failed).toHaveTextContent('1 of 2 desks deleted. Not deleted:');
    expect(failed).toHaveTextContent(/B1-0\.01: .* is using this desk’s phone/);
    expect(within(confirm).queryByRole('button', { name: /^Delete/ })).toBeNull();
    expect(mockApi.desks.desks.map((desk) => desk.name)).toEqual(['B1-0.01', 'B1-0.10']);
    expect(screen.getByText('1 desk deleted.')).toHaveAttribute('role', 'status');
  });

  it('is read-only for helpdesk', async () => {
    const user = userEvent.setup();
    const table = await openDeskTable(user, 'helpdesk');
    expect(within(table).queryByRole('button', { name: /^Edit/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New desk' })).not.toBeInTheDocument();
    expect(within(table).queryByRole('checkbox')).not.toBeInTheDocument();
  });
});

describe('QR labels', () => {
  it('say where their codes lead and carry the console’s language', async () => {
    const user = userEvent.setup();
    await openDeskTable(user);
    const print = screen.getByRole('link', { name: 'Print QR labels (3)' });
    expect(await screen.findByText(/^QR codes open /)).toBeInTheDocument();
    expect(print.getAttribute('href')).toMatch(/[?&]lang=en$/);
  });

  it('ask before printing codes that lead to the service’s own address (PUBLIC_URL unset)', async () => {
    mockApi.server.use(
      http.get('/api/v1/desks/labels-address', () =>
        HttpResponse.json({ address: 'http://10.0.0.5:8080', configured: false }),
      ),
    );
    const opened = vi.spyOn(window, 'open').mockImplementation(() => null);
    const user = userEvent.setup();
    await openDeskTable(user);
    expect(await screen.findByText('⚠ QR codes open 10.0.0.5:8080')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Print QR labels (3)' }));
    const ask = await screen.findByRole('dialog', { name: 'Print labels for the service’s own address?' });
    expect(ask).toHaveTextContent('http://10.0.0.5:8080');
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(opened).not.toHaveBeenCalled();
    await user.click(screen.getByRole('link', { name: 'Print QR labels (3)' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Print labels for the service’s own address?' })).getByRole(
        'button',
        { name: 'Print anyway' },
      ),
    );
    expect(opened).toHaveBeenCalledWith(expect.stringMatching(/labels\.pdf\?ids=.*&lang=en$/), '_blank', 'noopener');
  });
});
