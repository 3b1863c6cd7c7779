import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EmergencyAlert } from '../../../contract/occupancy.ts';
import { mockApi } from '../../testing/mock-api.ts';
import { signInAt } from '../../testing/render-app.tsx';

/** An open alert of a free desk's phone, with what a test sets. */
const alertOf = (fields: Partial<EmergencyAlert>): EmergencyAlert => ({
  id: '1',
  number: '112',
  at: '2026-12-07T09:41:00.000Z',
  deskId: null,
  deskName: 'B1-0.02',
  floorId: null,
  floorName: null,
  siteName: null,
  address: null,
  caller: null,
  callback: null,
  acknowledgedBy: null,
  acknowledgedAt: null,
  position: null,
  emails: [],
  ...fields,
});

describe('the emergency alert', () => {
  it('shows helpdesk who called from where on any page, until they acknowledge it', async () => {
    mockApi.occupancy.alerts.push({
      id: '7',
      number: '112',
      at: '2026-12-07T09:41:00.000Z',
      deskId: 'desk-2',
      deskName: 'B1-0.02',
      floorId: 'f1000000-0000-4000-8000-000000000001',
      floorName: 'Ground floor',
      siteName: 'Berlin HQ',
      address: 'Alexanderplatz 1, 10178 Berlin',
      caller: { name: 'user001', displayName: 'Nikolai Braun' },
      callback: '1001',
      acknowledgedBy: null,
      acknowledgedAt: null,
      position: { x: 0.3, y: 0.4 },
      emails: [
        { to: 'security@example.com', state: 'sent' },
        { to: 'reception@example.com', state: 'failed' },
      ],
    });
    const { user } = await signInAt('/audit', 'helpdesk');
    const alert = await screen.findByRole('alert', { name: 'Emergency calls' });
    expect(within(alert).getByRole('heading')).toHaveTextContent(/^Emergency call 112 from desk B1-0\.02 at /);
    expect(within(alert).getByText('Nikolai Braun')).toBeInTheDocument();
    expect(within(alert).getByText('1001')).toBeInTheDocument();
    expect(
      within(alert).getByText('Alexanderplatz 1, 10178 Berlin, Berlin HQ, Ground floor, B1-0.02'),
    ).toBeInTheDocument();
    // The e-mails to the site's list, a failed one said so; the desk on its floor plan.
    expect(within(alert).getByText('security@example.com: sent')).toBeInTheDocument();
    expect(within(alert).getByText('reception@example.com: not delivered, check the mail server')).toBeInTheDocument();
    expect(within(alert).getByRole('figure', { name: 'Desk B1-0.02 on its floor' })).toBeInTheDocument();
    expect(within(alert).getByRole('link', { name: 'Show on the floor map' })).toHaveAttribute(
      'href',
      '/desks/map?floor=f1000000-0000-4000-8000-000000000001&desk=desk-2',
    );
    await user.click(within(alert).getByRole('button', { name: 'Acknowledge' }));
    await expect.poll(() => screen.queryByRole('alert', { name: 'Emergency calls' })).toBeNull();
    expect(mockApi.occupancy.alerts[0]?.acknowledgedBy).toBe('helpdesk');
  });

  it('is not shown to facility, who have nothing to do in an emergency call', async () => {
    mockApi.occupancy.alerts.push(alertOf({ id: '8' }));
    await signInAt('/desks', 'facility');
    await screen.findByRole('heading', { name: 'Desks & floors', level: 1 });
    expect(screen.queryByRole('alert', { name: 'Emergency calls' })).toBeNull();
  });

  it('is shown to the security desk, who see nothing else of the occupancy, and acknowledge it', async () => {
    mockApi.occupancy.alerts.push(alertOf({ id: '9', deskName: 'B1-0.03' }));
    const { user } = await signInAt('/checkin', 'security');
    const alert = await screen.findByRole('alert', { name: 'Emergency calls' });
    expect(within(alert).getByText("Nobody checked in (the free desk's phone)")).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Occupancy' })).toBeNull();
    await user.click(within(alert).getByRole('button', { name: 'Acknowledge' }));
    await expect.poll(() => mockApi.occupancy.alerts[0]?.acknowledgedBy).toBe('security');
  });
});
