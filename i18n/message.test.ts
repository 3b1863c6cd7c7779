import { describe, expect, it } from 'vitest';
import { messageText, msg, readMessageText } from './message.ts';
import { inLocale } from './translate.ts';

describe('a message where only a string fits', () => {
  it('carries its id and values through, whatever the values hold', () => {
    const name = 'Desk "A" {1} — ß\u202E';
    const text = messageText('contract.deskCsv.duplicateName', { name, row: 3 });
    expect(readMessageText(text)).toEqual({ id: 'contract.deskCsv.duplicateName', values: { name, row: 3 } });
    expect(inLocale(text, 'en')).toBe(`The desk name "${name}" is also in row 3.`);
    expect(inLocale(text, 'de')).toBe(`Der Arbeitsplatzname „${name}“ steht auch in Zeile 3.`);
    expect(readMessageText(messageText('contract.names.tooSmall'))).toEqual({ id: 'contract.names.tooSmall' });
  });

  it('is told apart from a sentence, which is said as it is', () => {
    for (const sentence of ['Too small.', 'Invalid input: expected string, received undefined', 'e.g. this', 'a.b {']) {
      expect(readMessageText(sentence)).toBeNull();
      expect(inLocale(sentence, 'de')).toBe(sentence);
    }
  });
});

describe('a message of the service', () => {
  it('says its parts, numbers and plurals in the reader’s language', () => {
    const what = msg('api.deskService.logOut', { occupantDisplayName: 'Anna Weber' });
    const refused = msg('api.deskService.pbxUnreachable', { what });
    expect(inLocale(refused, 'en')).toBe(
      'The PBX is not reachable right now, so Hotdesk cannot log Anna Weber out. Try again in a moment.',
    );
    expect(inLocale(refused, 'de')).toBe(
      'Die PBX ist gerade nicht erreichbar, deshalb kann Hotdesk Anna Weber nicht auschecken. Versuchen Sie es gleich noch einmal.',
    );
    expect(inLocale(msg('api.bookingService.weeklyLimit', { limit: 1 }), 'de')).toBe('Höchstens 1 Buchung pro Woche.');
    expect(inLocale(msg('api.utilisation.tooManyNumbers', { size: 1234567 }), 'en')).toMatch(
      /^That is 1,234,567 numbers/,
    );
    const late = msg('api.checkinFlow.deskBookedYou', {
      deskName: 'B1',
      start: (locale) => (locale === 'de' ? '09:00' : '9:00 AM'),
      end: '10:00',
    });
    expect(inLocale(late, 'de')).toBe('Arbeitsplatz B1 ist von 09:00 bis 10:00 gebucht. Wählen Sie einen anderen.');
    expect(inLocale(late, 'en')).toMatch(/from 9:00 AM to 10:00/);
  });
});
