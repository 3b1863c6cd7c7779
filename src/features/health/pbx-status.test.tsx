import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../testing/mock-api.ts';
import { signInAt } from '../../testing/render-app.tsx';

afterEach(() => vi.useRealTimers());

describe('the status pill', () => {
  it('says the service is unreachable within seconds, instead of the last word about the PBX', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await signInAt('/occupancy', 'helpdesk', userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) }));
    expect(await screen.findByText('PBX connected')).toBeInTheDocument();

    mockApi.server.use(http.get('/api/v1/health', () => HttpResponse.error()));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await screen.findByText('Hotdesk service unreachable')).toBeInTheDocument();
    expect(screen.queryByText('PBX connected')).not.toBeInTheDocument();
  });
});

describe('while the PBX connection is down', () => {
  it('the board says since when, and calls no phone registered or offline: it is not known', async () => {
    mockApi.occupancy.offlinePhones.add('desk-1');
    mockApi.state.pbx = 'disconnected';
    mockApi.state.pbxSince = '2026-12-06T09:15:00.000Z';
    await signInAt('/occupancy', 'helpdesk');
    expect(await screen.findByText(/The PBX connection is down since/)).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Occupancy' });
    const row = within(table).getByRole('row', { name: /B1-0\.01/ });
    expect(within(row).getByText(/Unknown/)).toBeInTheDocument();
    expect(within(table).queryByText(/Registered|Offline/)).not.toBeInTheDocument();
  });

  it('My desk tells the employee in plain words what does not work and what to do', async () => {
    mockApi.occupancy.offlinePhones.add('desk-1');
    mockApi.state.pbx = 'reconnecting';
    await signInAt('/checkin', 'helpdesk');
    const mine = await screen.findByRole('region', { name: 'Your desk' });
    expect(
      await within(mine).findByText(/The phone system \(PBX\) cannot be reached since .*tell helpdesk\./),
    ).toBeInTheDocument();
    // Whether the phone is connected is not known now: no claim either way.
    expect(within(mine).queryByText(/This desk’s phone is not connected/)).not.toBeInTheDocument();
  });
});

describe('several PBXs', () => {
  it('names a site PBX that is down while the master works', async () => {
    mockApi.server.use(
      http.get('/api/v1/health', () =>
        HttpResponse.json({
          status: 'degraded',
          db: 'ok',
          pbx: 'connected',
          pbxs: [
            { name: 'berlin', master: true, state: 'connected' },
            { name: 'munich', master: false, state: 'disconnected' },
          ],
          version: '1.0.0',
          leader: true,
        }),
      ),
    );
    await signInAt('/occupancy', 'helpdesk');
    expect(await screen.findByText('PBX munich unreachable')).toBeInTheDocument();
    expect(screen.queryByText('PBX connected')).not.toBeInTheDocument();
  });
});

describe('Settings → PBX connection', () => {
  it('lists every PBX of the system and runs the connection check, with a report to download', async () => {
    const { user } = await signInAt('/settings', 'admin');
    const panel = await screen.findByRole('region', { name: 'PBX connection' });
    expect(await within(panel).findByText('berlin')).toBeInTheDocument();
    expect(within(panel).getByText('munich')).toBeInTheDocument();
    expect(within(panel).getByText('143 phones registered', { exact: false })).toBeInTheDocument();
    await user.type(within(panel).getByLabelText('Object for a write test (optional)'), 'Anna Schmidt');
    await user.click(within(panel).getByRole('button', { name: 'Check the connection' }));
    expect(await within(panel).findByText(/the service can work with this PBX/)).toBeInTheDocument();
    expect(within(panel).getByText(/wrote Anna Schmidt's device list back unchanged/)).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Download the report (for support)' })).toBeEnabled();
  });

  it('shows a failed check with what to do', async () => {
    const { user } = await signInAt('/settings', 'admin');
    const panel = await screen.findByRole('region', { name: 'PBX connection' });
    mockApi.state.pbx = 'disconnected';
    await user.click(await within(panel).findByRole('button', { name: 'Check the connection' }));
    expect(await within(panel).findByText(/something must be fixed first/)).toBeInTheDocument();
    expect(
      within(panel).getByText('What to do: Check the address, the firewall and that the PBX runs.'),
    ).toBeInTheDocument();
  });
});
