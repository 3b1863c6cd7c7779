import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../testing/mock-api.ts';
import { renderApp } from '../testing/render-app.tsx';

async function signInAs(username: string, password = 'demo') {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('User name'), username);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return user;
}

const navLinks = async () =>
  within(await screen.findByRole('navigation', { name: 'Sections' }))
    .getAllByRole('link')
    .map((link) => link.textContent);

describe('the console shell', () => {
  it('sends a signed-out visitor to sign-in, and back where they were afterwards', async () => {
    const { router } = renderApp('/audit');
    await screen.findByRole('button', { name: 'Sign in' });
    expect(router.state.location.pathname).toBe('/signin');
    // A first visit: nothing ended, so nothing is said about a session.
    expect(screen.queryByText(/Your session ended/)).not.toBeInTheDocument();
    await signInAs('admin');
    await screen.findByRole('heading', { name: 'Audit' });
    expect(router.state.location.pathname).toBe('/audit');
  });

  it.each([
    ['admin', ['Occupancy', 'Desks & floors', 'Import', 'Insights', 'Settings', 'Audit', 'My desk', 'Bookings']],
    ['helpdesk', ['Occupancy', 'Desks & floors', 'Audit', 'My desk', 'Bookings']],
    ['facility', ['Occupancy', 'Desks & floors', 'Import', 'Insights', 'My desk', 'Bookings']],
    ['user001', ['My desk', 'Bookings']],
  ])('shows %s the navigation of their roles', async (username, expected) => {
    renderApp('/');
    await signInAs(username);
    expect(await navLinks()).toEqual(expected);
  });

  it('lands an employee on My desk and a helpdesk person on Occupancy', async () => {
    const { router } = renderApp('/signin');
    await signInAs('user001');
    await screen.findByRole('heading', { name: 'My desk' });
    expect(router.state.location.pathname).toBe('/checkin');
  });

  it('shows the server message for a wrong password and keeps the user name', async () => {
    renderApp('/signin');
    await signInAs('user001', 'wrong');
    expect(await screen.findByRole('alert')).toHaveTextContent('The user name or password is not correct.');
    expect(screen.getByLabelText('User name')).toHaveValue('user001');
    expect(screen.queryByRole('navigation', { name: 'Sections' })).not.toBeInTheDocument();
  });

  it('explains a lockout after repeated failures', async () => {
    renderApp('/signin');
    const user = await signInAs('user299', 'wrong');
    for (let attempt = 2; attempt <= 6; attempt += 1) {
      await user.click(screen.getByRole('button', { name: 'Sign in' }));
      await waitFor(() => expect(mockApi.state.audit).toHaveLength(attempt));
    }
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many failed sign-in attempts');
  });

  it('validates empty fields before asking the server', async () => {
    renderApp('/signin');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your user name.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(mockApi.state.audit).toHaveLength(0);
  });

  it('shows the 403 page for a section the role does not open', async () => {
    renderApp('/settings');
    await signInAs('helpdesk');
    expect(await screen.findByRole('heading', { name: "You don't have access to this page" })).toBeInTheDocument();
  });

  it('returns to sign-in when the session expires, then back to the same page', async () => {
    const { router } = renderApp('/audit');
    const user = await signInAs('admin');
    await screen.findByRole('table');
    mockApi.expireSessions();
    // The next page that asks the service for data finds the session gone.
    await user.click(screen.getByRole('link', { name: 'Occupancy' }));
    await screen.findByRole('button', { name: 'Sign in' });
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/occupancy')}`);
    expect(screen.getByText(/Your session ended/)).toBeInTheDocument();
    await signInAs('admin');
    await screen.findByRole('table', { name: 'Occupancy' });
    expect(router.state.location.pathname).toBe('/occupancy');
  });

  it('signs out and forgets the session', async () => {
    const { router } = renderApp('/');
    const user = await signInAs('facility');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    await screen.findByRole('button', { name: 'Sign in' });
    expect(router.state.location.pathname).toBe('/signin');
    expect(mockApi.state.sessions.size).toBe(0);
  });

  it('shows the PBX state to staff', async () => {
    mockApi.state.pbx = 'reconnecting';
    renderApp('/');
    await signInAs('helpdesk');
    expect(await screen.findByText('PBX reconnecting…')).toBeInTheDocument();
  });
});
