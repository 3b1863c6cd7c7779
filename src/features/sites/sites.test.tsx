import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../testing/mock-api.ts';
import { signInAt } from '../../testing/render-app.tsx';

describe('Sites', () => {
  it('sets a site’s office hours, refuses closing before opening, and lists them', async () => {
    const { user } = await signInAt('/desks/sites', 'facility');
    await user.click(await screen.findByRole('button', { name: 'Edit site Berlin HQ' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit site Berlin HQ' });
    const hours = within(dialog).getByRole('group', { name: 'Office hours' });
    expect(within(hours).getByLabelText('Opens at')).toHaveValue('8');
    await user.selectOptions(within(hours).getByLabelText('Opens at'), '07:00');
    await user.selectOptions(within(hours).getByLabelText('Closes at'), '06:00');
    await user.click(within(dialog).getByRole('button', { name: 'Save site' }));
    expect(await within(hours).findByText('Closing comes after opening.')).toBeInTheDocument();
    await user.selectOptions(within(hours).getByLabelText('Closes at'), '16:00');
    await user.click(within(hours).getByRole('checkbox', { name: 'Fri' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save site' }));
    await screen.findByRole('cell', { name: 'Mon–Thu 07:00–16:00' });
    expect(mockApi.desks.sites[0]?.officeHours).toEqual({ start: 7, end: 16, days: [1, 2, 3, 4] });
  });

  it('keeps the addresses told of an emergency call, one per line, and refuses one that is not an address', async () => {
    const { user } = await signInAt('/desks/sites', 'facility');
    await user.click(await screen.findByRole('button', { name: 'Edit site Berlin HQ' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit site Berlin HQ' });
    const field = within(dialog).getByLabelText('E-mail on an emergency call');
    await user.type(field, 'security@example.com{Enter}reception at example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Save site' }));
    expect(await within(dialog).findByText('An e-mail address, like anna@example.com.')).toBeInTheDocument();
    await user.clear(field);
    await user.type(field, 'security@example.com{Enter}Reception@Example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Save site' }));
    await expect
      .poll(() => mockApi.desks.sites[0]?.alertEmails)
      .toEqual(['security@example.com', 'reception@example.com']);
  });
});
