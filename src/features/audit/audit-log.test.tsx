import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { recordAudit } from '../../../mocks/handlers/kit.ts';
import { defaultSettings } from '../../../contract/settings.ts';
import { mockApi } from '../../testing/mock-api.ts';
import { renderApp } from '../../testing/render-app.tsx';

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
    const user = userEvent.setup();
    renderApp('/audit');
    await user.type(await screen.findByLabelText('User name'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'demo');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const table = await screen.findByRole('table', { name: 'Audit events, newest first' });
    const importRow = within(table).getByText('Desks imported').closest('tr');
    expect(importRow).toHaveTextContent('Merged: 171 added, 3 changed, 0 removed (184 rows)');
    const settingsRow = within(table).getByText('Settings changed').closest('tr');
    expect(settingsRow).toHaveTextContent(
      `loginMethods.computer: on → off; autoLogout.dailyAt: ${defaultSettings.autoLogout.dailyAt ?? '—'} → 20:00`,
    );
  });
});
