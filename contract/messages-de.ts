/**
 * German for the validation messages of the contract's schemas. English is the source, written where each
 * rule is; the service (for `Accept-Language: de`) and the console's forms (in German) pass a message through
 * `inGerman`. `messages-de.test.ts` checks that every message the schemas can give has its German here.
 */

/** The names the schemas use in their messages ("Enter a desk name."), with their German article cases. */
const names: Record<string, { accusative: string; nominative: string }> = {
  'desk name': { accusative: 'einen Arbeitsplatznamen', nominative: 'Ein Arbeitsplatzname' },
  'device label': { accusative: 'eine Gerätebezeichnung', nominative: 'Eine Gerätebezeichnung' },
  'floor name': { accusative: 'einen Etagennamen', nominative: 'Ein Etagenname' },
  'site name': { accusative: 'einen Standortnamen', nominative: 'Ein Standortname' },
  'token name': { accusative: 'einen Token-Namen', nominative: 'Ein Token-Name' },
  'zone name': { accusative: 'einen Zonennamen', nominative: 'Ein Zonenname' },
  'building name': { accusative: 'einen Gebäudenamen', nominative: 'Ein Gebäudename' },
  name: { accusative: 'einen Namen', nominative: 'Ein Name' },
};

const exact: Record<string, string> = {
  'A star or hash, then up to six digits, like *55.':
    'Ein Stern oder eine Raute, dann bis zu sechs Ziffern, z. B. *55.',
  'A time like 19:00.': 'Eine Uhrzeit wie 19:00.',
  'Leave at least one login method on.': 'Lassen Sie mindestens eine Anmeldeart eingeschaltet.',
  'The login and logout codes must differ.': 'Anmelde- und Abmeldecode müssen sich unterscheiden.',
  'Enter the app name.': 'Geben Sie den Namen der App ein.',
  'Not a time zone this server knows (e.g. Europe/Berlin).':
    'Keine Zeitzone, die dieser Server kennt (z. B. Europe/Berlin).',
  'At least 1 hour.': 'Mindestens 1 Stunde.',
  'At most 168 hours (a week).': 'Höchstens 168 Stunden (eine Woche).',
  'At least 0 minutes.': 'Mindestens 0 Minuten.',
  'At most 1440 minutes (a day).': 'Höchstens 1440 Minuten (ein Tag).',
  'Digits only, like 112.': 'Nur Ziffern, z. B. 112.',
  'At most 20 numbers.': 'Höchstens 20 Nummern.',
  'At most 240 minutes.': 'Höchstens 240 Minuten.',
  'A full address, like https://security.example.com/hooks/emergency.':
    'Eine vollständige Adresse, z. B. https://security.example.com/hooks/emergency.',
  'At least 7 days.': 'Mindestens 7 Tage.',
  'At most 3650 days (ten years).': 'Höchstens 3650 Tage (zehn Jahre).',
  'Enter the desk or computer name.': 'Geben Sie den Arbeitsplatz- oder Computernamen ein.',
  'Four to eight digits.': 'Vier bis acht Ziffern.',
  'Must be a whole number.': 'Muss eine ganze Zahl sein.',
  'Too small.': 'Zu klein.',
  'Too large.': 'Zu groß.',
  'Enter your user name.': 'Geben Sie Ihren Benutzernamen ein.',
  'Enter your password.': 'Geben Sie Ihr Passwort ein.',
  'The myApps login names no user.': 'Die myApps-Anmeldung nennt keinen Benutzer.',
  'The digest must be 64 hex digits.': 'Der Digest muss aus 64 Hexadezimalziffern bestehen.',
  'A computer name cannot be empty.': 'Ein Computername darf nicht leer sein.',
  'A computer name cannot consist of dots and spaces only.':
    'Ein Computername darf nicht nur aus Punkten und Leerzeichen bestehen.',
  'A computer name cannot start or end with a space.':
    'Ein Computername darf nicht mit einem Leerzeichen beginnen oder enden.',
  'A date like 2026-11-02.': 'Ein Datum wie 2026-11-02.',
  'Unknown floor.': 'Unbekannte Etage.',
  'Unknown zone.': 'Unbekannte Zone.',
  'Unknown desk.': 'Unbekannter Arbeitsplatz.',
  'The range ends before it starts.': 'Der Zeitraum endet, bevor er beginnt.',
  'Choose at least one desk.': 'Wählen Sie mindestens einen Arbeitsplatz.',
  'Choose a person.': 'Wählen Sie eine Person.',
  'Choose a PBX location.': 'Wählen Sie einen PBX-Standort.',
  'A phone number, digits only (a leading + is fine).': 'Eine Rufnummer, nur Ziffern (ein + am Anfang ist erlaubt).',
  'Enter the phone MAC as 12 hex digits, e.g. 00:90:33:12:34:56.':
    'Geben Sie die MAC des Telefons als 12 Hexadezimalziffern ein, z. B. 00:90:33:12:34:56.',
  'Choose a site from the list.': 'Wählen Sie einen Standort aus der Liste.',
  'A colour like #3b82f6.': 'Eine Farbe wie #3b82f6.',
  'A zone needs at least three corners.': 'Eine Zone braucht mindestens drei Ecken.',
  'An http or https address.': 'Eine http- oder https-Adresse.',
};

const patterns: [RegExp, (...parts: string[]) => string][] = [
  [/^At most (\d+) characters\.$/, (max) => `Höchstens ${max} Zeichen.`],
  [/^At most (\d+) computer names per desk\.$/, (max) => `Höchstens ${max} Computernamen je Arbeitsplatz.`],
  [/^Positions are between 0 and (\d+)\.$/, (max) => `Positionen liegen zwischen 0 und ${max}.`],
  [/^A rotation is between 0 and (\d+) degrees\.$/, (max) => `Eine Drehung liegt zwischen 0 und ${max} Grad.`],
  [/^Enter a (.+)\.$/, (what) => `Geben Sie ${names[what]?.accusative ?? what} ein.`],
  [
    /^A (.+) has at most (\d+) characters\.$/,
    (what, max) => `${names[what]?.nominative ?? what} hat höchstens ${max} Zeichen.`,
  ],
  [
    /^A (.+) cannot contain control or text-direction characters\.$/,
    (what) => `${names[what]?.nominative ?? what} darf keine Steuer- oder Textrichtungszeichen enthalten.`,
  ],
  [
    /^A computer name has at most (\d+) characters \((.*) has (\d+)\)\.$/s,
    (max, name, length) => `Ein Computername hat höchstens ${max} Zeichen (${name} hat ${length}).`,
  ],
  [
    /^(.*) contains a character Windows does not allow in computer names \((.*)\)\.$/s,
    (name, characters) => `${name} enthält ein Zeichen, das Windows in Computernamen nicht erlaubt (${characters}).`,
  ],
  [
    /^By (hour|day|week), a range of at most (\d+) days\.$/,
    (interval, days) =>
      `${{ hour: 'Stündlich', day: 'Täglich', week: 'Wöchentlich' }[interval] ?? interval} höchstens ${days} Tage.`,
  ],
];

/** The German of a contract message; a message it does not know stays as it is. */
export function inGerman(message: string): string {
  const known = exact[message];
  if (known !== undefined) return known;
  for (const [pattern, german] of patterns) {
    const match = pattern.exec(message);
    if (match) return german(...match.slice(1));
  }
  return message;
}
