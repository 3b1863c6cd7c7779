import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../testing/mock-api.ts';
import { signInAt } from '../../testing/render-app.tsx';

const at = '2026-12-06T09:15:00.000Z';

describe('an emergency notice security did not receive', () => {
  it('is marked on the board, at the emergency call', async () => {
    mockApi.occupancy.emergencies.set('desk-1', {
      number: '112',
      at,
      until: '2026-12-06T09:45:00.000Z',
      notice: 'failed',
    });
    mockApi.occupancy.emergencies.set('desk-2', {
      number: '112',
      at,
      until: '2026-12-06T09:45:00.000Z',
      notice: 'delivered',
    });
    await signInAt('/occupancy', 'helpdesk');
    const table = await screen.findByRole('table', { name: 'Occupancy' });
    const failed = within(table).getByRole('row', { name: /B1-0\.01/ });
    expect(within(failed).getByRole('status')).toHaveTextContent('Security NOT told: call them');
    const delivered = within(table).getByRole('row', { name: /B1-0\.02/ });
    expect(within(delivered).queryByRole('status')).not.toBeInTheDocument();
  });

  it('is listed for administrators in Settings, and sent again on request', async () => {
    mockApi.occupancy.notices.push({
      id: '7',
      desk: 'B1-0.01',
      number: '112',
      at,
      url: 'https://security.example.com/hooks/emergency',
      state: 'failed',
      attempts: 12,
      lastError: 'The webhook answered 502.',
      nextAttemptAt: null,
      doneAt: '2026-12-06T11:15:00.000Z',
    });
    const { user } = await signInAt('/settings', 'admin');
    const panel = await screen.findByRole('region', { name: 'Emergency notices to security' });
    expect(await within(panel).findByRole('alert')).toHaveTextContent('1 emergency notice has not reached security.');
    const row = within(panel).getByRole('row', { name: /B1-0\.01/ });
    expect(row).toHaveTextContent('Not delivered');
    expect(row).toHaveTextContent('12 tries · The webhook answered 502.');
    await user.click(within(row).getByRole('button', { name: /Send the notice of desk B1-0.01 .* again/ }));
    expect(await within(row).findByText('Delivered')).toBeInTheDocument();
    expect(within(panel).queryByRole('alert')).not.toBeInTheDocument();
    expect(mockApi.state.audit[0]).toMatchObject({ action: 'emergency.notifyRetry', target: 'B1-0.01' });
  });
});
