import { useLingui } from '@lingui/react';
import { useEffect, useRef, useState } from 'react';
import { appLocales, chooseLocale, isAppLocale, localeNames } from '../i18n/i18n.ts';
import { useT } from '../i18n/use-t.ts';
import { chooseTheme, storedTheme, themeChoices, type ThemeChoice } from '../lib/theme.ts';

const themeLabels = { system: 'prefs.themeSystem', light: 'prefs.themeLight', dark: 'prefs.themeDark' } as const;

/** Language and theme, remembered on this browser: a small menu in the header and on the sign-in page. */
export function DisplayPreferences() {
  const t = useT();
  const { i18n } = useLingui();
  const [theme, setTheme] = useState<ThemeChoice>(storedTheme);
  const menu = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    const close = (event: PointerEvent | KeyboardEvent) => {
      const details = menu.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        details.open = false;
        details.querySelector('summary')?.focus();
      } else if (!details.contains(event.target as Node)) {
        details.open = false;
      }
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);

  return (
    <details className="prefs-menu" ref={menu}>
      <summary className="button button-quiet" aria-label={t('prefs.open')}>
        <span aria-hidden="true">{i18n.locale.toUpperCase()}</span>
      </summary>
      <div className="prefs-panel">
        <label className="field">
          <span className="field-label">{t('prefs.language')}</span>
          <select
            value={i18n.locale}
            onChange={(event) => {
              if (isAppLocale(event.target.value)) void chooseLocale(event.target.value);
            }}
          >
            {appLocales.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {localeNames[locale]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('prefs.theme')}</span>
          <select
            value={theme}
            onChange={(event) => {
              const choice = event.target.value as ThemeChoice;
              chooseTheme(choice);
              setTheme(choice);
            }}
          >
            {themeChoices.map((choice) => (
              <option key={choice} value={choice}>
                {t(themeLabels[choice])}
              </option>
            ))}
          </select>
        </label>
      </div>
    </details>
  );
}
