import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { recordAudit } from '../../../mocks/handlers/kit.ts';
import { defaultSettings } from '../../../contract/settings.ts';
import { mockApi } from '../../testing/mock-api.ts';
import { signInAt } from '../../testing/render-app.tsx';

describe('the audit log', () => {
  it('says in words what an import and a settings change did', async () => {
    const after = {
      ...defaultSettings,
      loginMethods: { ...defaultSettings.loginMethods, computer: false },
      autoLogout: { ...defaultSettings.autoLogout, dailyAt: '20:00' },
    };
    recordAudit(mockApi.state, 'admin', 'settings.update', 'ok', { before: defaultSettings, after });
    recordAudit(mockApi.state, 'facility', 'desks.import', 'ok', {
      mode: 'merge',
      added: 171,
      changed: 3,
      removed: 0,
      unchanged: 10,
      rows: 184,
    });
    await signInAt('/audit', 'admin');
    const table = await screen.findByRole('table', { name: 'Audit events, newest first' });
    const importRow = within(table).getByText('Desks imported').closest('tr');
    expect(importRow).toHaveTextContent('Merged: 171 added, 3 changed, 0 removed (184 rows)');
    // People by their names, their user names a hover away.
    expect(within(importRow as HTMLElement).getByText('Aylin Demir')).toHaveAttribute('title', 'facility');
    const settingsRow = within(table).getByText('Settings changed').closest('tr');
    // Sentences with the Settings page's words, never keys.
    expect(settingsRow).toHaveTextContent(
      `Turned off: “Send the PC’s computer name”; “Log everyone out every day” changed from ${defaultSettings.autoLogout.dailyAt ?? '—'} to 20:00`,
    );
    expect(settingsRow).not.toHaveTextContent('loginMethods');
  });

  it('gives helpdesk a read-only view of what staff did to others’ desks, and nothing else', async () => {
    recordAudit(mockApi.state, 'helpdesk', 'occupancy.force_logout', 'ok', { user: 'user007' }, 'B1-0.07');
    recordAudit(
      mockApi.state,
      'helpdesk',
      'occupancy.checkin',
      'ok',
      { user: 'user008', method: 'console' },
      'B1-0.08',
    );
    recordAudit(mockApi.state, 'user009', 'occupancy.checkin', 'ok', { user: 'user009', method: 'desk' }, 'B1-0.09');
    recordAudit(mockApi.state, 'admin', 'settings.update', 'ok', { before: defaultSettings, after: defaultSettings });
    await signInAt('/audit', 'helpdesk');
    expect(await screen.findByText(/What staff did to other people’s desks/)).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Audit events, newest first' });
    expect(within(table).getByText(/B1-0\.07/)).toBeInTheDocument();
    expect(within(table).getByText(/B1-0\.08/)).toBeInTheDocument();
    expect(within(table).queryByText(/B1-0\.09/)).not.toBeInTheDocument();
    expect(within(table).queryByText('Settings changed')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('What')).not.toBeInTheDocument();
  });

  it('filters by who, what and desk, and downloads what it shows as a CSV safe from formulas', async () => {
    recordAudit(mockApi.state, 'facility', 'desk.update', 'ok', {}, 'B1-0.07');
    recordAudit(mockApi.state, '=HYPERLINK("x")', 'desk.delete', 'ok', {}, 'B1-0.08');
    recordAudit(mockApi.state, 'facility', 'floor.update', 'ok', {}, 'Ground floor');
    const { user } = await signInAt('/audit', 'admin');
    const table = await screen.findByRole('table', { name: 'Audit events, newest first' });
    await user.selectOptions(screen.getByLabelText('What'), 'desk,desks');
    await waitFor(() => expect(within(table).queryByText('Floor changed')).not.toBeInTheDocument());
    expect(within(table).getByText('Desk changed')).toBeInTheDocument();
    expect(within(table).queryByText('Anmeldung an der Konsole')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Desk'), '0.08');
    await waitFor(() => expect(within(table).queryByText('Desk changed')).not.toBeInTheDocument());
    expect(within(table).getByText('Desk deleted')).toBeInTheDocument();

    const files: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      files.push(blob as Blob);
      return 'blob:audit';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await user.click(screen.getByRole('button', { name: 'Download as CSV' }));
    await waitFor(() => expect(files).toHaveLength(1));
    const file = files[0];
    if (!file) throw new Error('no file');
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(file);
    });
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('When,Who,What,Desk or item,Result,Details');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")",Desk deleted,B1-0.08,done`);
    vi.restoreAllMocks();
  });
});
