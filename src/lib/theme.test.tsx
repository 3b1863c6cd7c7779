import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../testing/render-app.tsx';
import { applyTheme, startTheme } from './theme.ts';

/** A matchMedia whose dark preference the test can flip. */
function fakeSystem(dark: boolean) {
  const listeners: (() => void)[] = [];
  const query = {
    get matches() {
      return dark;
    },
    addEventListener: (_type: string, listener: () => void) => listeners.push(listener),
  };
  vi.stubGlobal('matchMedia', () => query);
  return {
    switchTo(next: boolean) {
      dark = next;
      for (const listener of listeners) listener();
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  applyTheme('light');
});

describe('the theme', () => {
  it('follows the operating system until someone chooses, also when the system switches', () => {
    const system = fakeSystem(true);
    startTheme();
    expect(document.documentElement.dataset.theme).toBe('dark');
    system.switchTo(false);
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('is chosen in the display menu and remembered, whatever the system does', async () => {
    const system = fakeSystem(false);
    startTheme();
    const user = userEvent.setup();
    renderApp('/signin');
    await user.click(await screen.findByText('EN'));
    await user.selectOptions(screen.getByLabelText('Theme'), 'dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('hotdesk.theme')).toBe('dark');
    system.switchTo(false);
    expect(document.documentElement.dataset.theme).toBe('dark');
  });
});
