import { readStoredChoice, writeStored } from '../platform/browser-storage.ts';

export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

const storageKey = 'hotdesk.theme';
const darkQuery = '(prefers-color-scheme: dark)';

/** The theme chosen on this browser; "system" (follow the operating system) until someone picks one. */
export function storedTheme(): ThemeChoice {
  return readStoredChoice(storageKey, themeChoices) ?? 'system';
}

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(darkQuery).matches;
}

/** Sets `data-theme` on `<html>`, which switches the colour tokens in base.css. */
export function applyTheme(choice: ThemeChoice): void {
  const dark = choice === 'dark' || (choice === 'system' && systemPrefersDark());
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

export function chooseTheme(choice: ThemeChoice): void {
  writeStored('local', storageKey, choice);
  applyTheme(choice);
}

/** Applies the stored theme now and again whenever the operating system switches while "system" is chosen. */
export function startTheme(): void {
  applyTheme(storedTheme());
  if (typeof window.matchMedia !== 'function') return;
  window.matchMedia(darkQuery).addEventListener('change', () => {
    if (storedTheme() === 'system') applyTheme('system');
  });
}
