import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../testing/mock-api.ts';
import { signInAt } from '../../testing/render-app.tsx';

describe('Neighbourhoods', () => {
  it('facility keeps a zone for a PBX group, members first and everyone from 10:00, and removes it again', async () => {
    mockApi.desks.zones.push({
      id: '2a000000-0000-4000-8000-000000000001',
      floorId: mockApi.desks.floors[0]?.id ?? '',
      name: 'Sales corner',
      color: '#3b82f6',
      polygon: [
        { x: 0, y: 0 },
        { x: 0.5, y: 0 },
        { x: 0.5, y: 0.5 },
      ],
      version: 1,
    });
    const { user } = await signInAt('/desks/neighbourhoods', 'facility');
    expect(await screen.findByText('No neighbourhoods')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New neighbourhood' }));
    const dialog = await screen.findByRole('dialog', { name: 'New neighbourhood' });
    await user.type(within(dialog).getByLabelText('Name'), 'Sales');
    await user.type(within(dialog).getByLabelText('PBX group'), 'sales');
    // Nothing chosen yet: said at the zones.
    await user.click(within(dialog).getByRole('button', { name: 'Create neighbourhood' }));
    expect(await within(dialog).findByText('Choose at least one zone or desk.')).toBeInTheDocument();
    await user.click(within(dialog).getByLabelText('Sales corner'));
    await user.click(within(dialog).getByLabelText('Members first, everyone from a time of day on'));
    // A single desk by name: an unknown one is refused at the field.
    await user.type(within(dialog).getByLabelText('Single desks'), 'B1-0.99');
    await user.click(within(dialog).getByRole('button', { name: 'Create neighbourhood' }));
    expect(await within(dialog).findByText('Unknown: B1-0.99.')).toBeInTheDocument();
    await user.clear(within(dialog).getByLabelText('Single desks'));
    await user.type(within(dialog).getByLabelText('Single desks'), 'b1-0.02');
    await user.click(within(dialog).getByRole('button', { name: 'Create neighbourhood' }));
    const row = await screen.findByRole('row', { name: /Sales/ });
    expect(row).toHaveTextContent('B1-0.02');
    expect(row).toHaveTextContent('everyone from 10:00');
    expect(row).toHaveTextContent('Sales corner (Ground floor)');
    expect(mockApi.desks.neighbourhoods[0]).toMatchObject({ pbxGroup: 'sales', othersFrom: '10:00' });

    await user.click(within(row).getByRole('button', { name: 'Remove neighbourhood Sales' }));
    const confirm = await screen.findByRole('dialog', { name: 'Remove neighbourhood Sales?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('No neighbourhoods')).toBeInTheDocument();
  });
});
