import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setBearerToken } from '../../lib/api-client.ts';
import { mockApi } from '../../testing/mock-api.ts';
import { renderApp } from '../../testing/render-app.tsx';
import { allowMyAppsSignIn } from './api/myapps.ts';

/**
 * The console inside myApps: a frame whose parent answers `getLogin` with the PBX-signed `Login`
 * (innovaphone.appwebsocket.Connection.js). jsdom has no real parent frame, so `top` is made another
 * window and the parent's answer is posted back as the myApps client would.
 */
function embedInMyApps(answer: (request: { app: string; challenge: string }) => Record<string, unknown> | null) {
  vi.spyOn(window, 'top', 'get').mockReturnValue({} as Window);
  const asked: { app: string; challenge: string }[] = [];
  vi.spyOn(window, 'postMessage').mockImplementation((message: unknown) => {
    const request = JSON.parse(String(message)) as { mt: string; app: string; challenge: string };
    if (request.mt !== 'getLogin') return;
    asked.push(request);
    const login = answer(request);
    if (login)
      window.dispatchEvent(
        new MessageEvent('message', { data: JSON.stringify({ mt: 'Login', ...login }), source: window }),
      );
  });
  return asked;
}

const loginFor = (sip: string) => (request: { app: string }) => ({
  app: request.app,
  domain: 'demo.example.com',
  sip,
  guid: 'a'.repeat(32),
  dn: sip,
  info: { appobj: request.app, cn: sip },
  digest: 'b'.repeat(64),
  pbxObj: request.app,
  key: 'session-key-never-sent-to-the-service',
});

beforeEach(() => {
  allowMyAppsSignIn(true);
  setBearerToken(null);
});
afterEach(() => vi.restoreAllMocks());

describe('Hotdesk inside myApps', () => {
  it('signs the employee in through myApps and opens My desk with no password typed', async () => {
    const asked = embedInMyApps(loginFor('user001'));
    const { router } = renderApp('/myapps.htm');
    await screen.findByRole('heading', { name: 'My desk' });
    expect(router.state.location.pathname).toBe('/checkin');
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(asked).toEqual([{ mt: 'getLogin', app: 'hotdesk', challenge: expect.any(String) }]);
    const sessions = [...mockApi.state.sessions.values()];
    expect(sessions).toEqual([
      expect.objectContaining({ bearer: true, user: expect.objectContaining({ name: 'user001' }) }),
    ]);
  });

  it('takes staff to their start page', async () => {
    embedInMyApps(loginFor('admin'));
    const { router } = renderApp('/myapps');
    await waitFor(() => expect(router.state.location.pathname).toBe('/occupancy'));
  });

  it('says when myApps refuses, offers to try again, and never shows a password form in the frame', async () => {
    let refuse = true;
    embedInMyApps((request) =>
      refuse ? { error: 2, errorText: 'no rights to hotdesk' } : loginFor('user001')(request),
    );
    renderApp('/checkin');
    expect(await screen.findByRole('alert')).toHaveTextContent('myApps refused the sign-in: no rights to hotdesk.');
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(screen.getByRole('link', { name: 'Open Hotdesk in a tab of its own' })).toHaveAttribute('target', '_blank');
    refuse = false;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in with myApps' }));
    await screen.findByRole('heading', { name: 'My desk' });
  });

  it('stays signed out after signing out, until the person signs in with myApps again', async () => {
    const asked = embedInMyApps(loginFor('user001'));
    renderApp('/checkin');
    await screen.findByRole('heading', { name: 'My desk' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('button', { name: 'Sign in with myApps' });
    expect(mockApi.state.sessions.size).toBe(0);
    expect(asked).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Sign in with myApps' }));
    await screen.findByRole('heading', { name: 'My desk' });
    expect(asked).toHaveLength(2);
  });
});
