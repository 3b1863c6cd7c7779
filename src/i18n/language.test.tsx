import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp, signInAt } from '../testing/render-app.tsx';
import { formatChartTime, formatDateTime } from './format.ts';
import { activateLocale, preferredLocale } from './i18n.ts';

afterEach(async () => {
  vi.restoreAllMocks();
  await activateLocale('en');
});

describe('the console’s language', () => {
  it('follows the browser: German for a German browser, English for languages it does not speak', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-AT', 'en']);
    expect(preferredLocale()).toBe('de');
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['fr-FR', 'it']);
    expect(preferredLocale()).toBe('en');
  });

  it('is switched on the sign-in page, remembered, and sets <html lang>', async () => {
    const user = userEvent.setup();
    renderApp('/signin');
    await user.click(await screen.findByText('EN'));
    await user.selectOptions(screen.getByLabelText('Language'), 'de');
    expect(await screen.findByRole('button', { name: 'Anmelden' })).toBeInTheDocument();
    expect(screen.getByLabelText('Benutzername')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('de');
    expect(localStorage.getItem('hotdesk.locale')).toBe('de');
    // Remembered over the browser's own preference.
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US']);
    expect(preferredLocale()).toBe('de');
  });

  it('says what is wrong with a form in German too (the contract’s messages)', async () => {
    await activateLocale('de');
    const user = userEvent.setup();
    renderApp('/signin');
    await user.click(await screen.findByRole('button', { name: 'Anmelden' }));
    expect(await screen.findByText('Geben Sie Ihren Benutzernamen ein.')).toBeInTheDocument();
    expect(screen.getByText('Geben Sie Ihr Passwort ein.')).toBeInTheDocument();
  });

  it('writes dates the German way (24-hour) in German', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE']);
    await activateLocale('de');
    expect(formatDateTime('2026-11-23T14:05:00')).toBe('23.11.2026, 14:05');
  });

  it('writes the chart’s time axis in the language and the office’s time zone, the time only when not midnight', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE']);
    await activateLocale('de');
    // Midnight in Berlin (CET, UTC+1): the day alone.
    expect(formatChartTime('2026-10-26T23:00:00Z', 'Europe/Berlin')).toBe('27. Okt.');
    expect(formatChartTime('2026-10-27T13:00:00Z', 'Europe/Berlin')).toBe('27. Okt., 14:00');
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US']);
    await activateLocale('en');
    expect(formatChartTime('2026-10-27T04:00:00Z', 'America/New_York')).toBe('Oct 27');
    expect(formatChartTime('2026-10-27T18:00:00Z', 'America/New_York')).toBe('Oct 27, 2:00 PM');
  });

  it('speaks German in the signed-in console too, with plurals right', async () => {
    await activateLocale('de');
    const user = userEvent.setup();
    renderApp('/occupancy');
    await user.type(await screen.findByLabelText('Benutzername'), 'helpdesk');
    await user.type(screen.getByLabelText('Passwort'), 'demo');
    await user.click(screen.getByRole('button', { name: 'Anmelden' }));
    expect(await screen.findByRole('heading', { name: 'Belegung' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText(/\d+ Arbeitsplätze, 1 belegt/)).toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Alle angezeigten auschecken (1)' })).toBeInTheDocument();
  });

  it('says in German what is wrong with a new site and with several computer names at once', async () => {
    const { user } = await signInAt('/desks/sites', 'facility');
    await act(() => activateLocale('de'));
    await user.click(await screen.findByRole('button', { name: 'Neuer Standort' }));
    await user.type(screen.getByLabelText('Name des Standorts'), 'Hamburg');
    await user.type(screen.getByLabelText('Rufnummer für Notrufe (optional)'), '12ab');
    await user.click(screen.getByRole('button', { name: 'Standort anlegen' }));
    expect(await screen.findByText('Eine Rufnummer, nur Ziffern (ein + am Anfang ist erlaubt).')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Abbrechen' }));

    await user.click(screen.getByRole('link', { name: 'Arbeitsplatzliste' }));
    await user.click(await screen.findByRole('button', { name: 'Neuer Arbeitsplatz' }));
    await user.type(screen.getByLabelText('Arbeitsplatzname'), 'B9-01');
    await user.type(screen.getByLabelText('Telefon-MAC'), '009033aa0099');
    await user.type(screen.getByLabelText('Computer- und Thin-Client-Namen'), 'PC-NAME-FAR-TOO-LONG, PC/1');
    await user.click(screen.getByRole('button', { name: 'Arbeitsplatz speichern' }));
    // Two problems in one field: each in German (joined, they were no message the German catalogue knew).
    expect(
      await screen.findByText(
        'Ein Computername hat höchstens 15 Zeichen („PC-NAME-FAR-TOO-LONG“ hat 20). „PC/1“ enthält ein Zeichen, das Windows in Computernamen nicht erlaubt (\\ / : * ? " < > |).',
      ),
    ).toBeInTheDocument();
  });

  it('names the problems of a desk file in German (its checks are written in English)', async () => {
    const { user } = await signInAt('/import', 'facility');
    await act(() => activateLocale('de'));
    await user.upload(
      await screen.findByLabelText('Arbeitsplatzdatei auswählen'),
      new File(['hw_id,name\nnot-a-mac,Desk A\n009033000077,\n'], 'desks.csv', { type: 'text/csv' }),
    );
    const problems = await screen.findByRole('table', { name: 'Probleme in der Datei' });
    expect(problems).toHaveTextContent(
      '„not-a-mac“ ist keine MAC-Adresse (12 Hexadezimalziffern, z. B. 00:90:33:12:34:56).',
    );
    expect(problems).toHaveTextContent('Der Arbeitsplatzname fehlt.');
  });
});
