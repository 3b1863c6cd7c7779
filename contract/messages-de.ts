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
  'A floor plan can be at most 10 MB.': 'Ein Etagenplan darf höchstens 10 MB groß sein.',
  'This file is not a PNG, JPEG or WebP image. Export the plan as one of those.':
    'Diese Datei ist kein PNG-, JPEG- oder WebP-Bild. Exportieren Sie den Plan in einem dieser Formate.',
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
  'Too easy to guess: not all one digit, and no run like 1234 or 4321.':
    'Zu leicht zu erraten: nicht nur eine Ziffer und keine Reihe wie 1234 oder 4321.',
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
  'From 0 to 23.': 'Von 0 bis 23.',
  'From 1 to 24.': 'Von 1 bis 24.',
  'Choose at least one day.': 'Wählen Sie mindestens einen Tag.',
  'Closing comes after opening.': 'Die Schließzeit liegt nach der Öffnungszeit.',
  'A phone number, digits only (a leading + is fine).': 'Eine Rufnummer, nur Ziffern (ein + am Anfang ist erlaubt).',
  'Enter the phone MAC as 12 hex digits, e.g. 00:90:33:12:34:56.':
    'Geben Sie die MAC des Telefons als 12 Hexadezimalziffern ein, z. B. 00:90:33:12:34:56.',
  'Choose a site from the list.': 'Wählen Sie einen Standort aus der Liste.',
  'A colour like #3b82f6.': 'Eine Farbe wie #3b82f6.',
  'A zone needs at least three corners.': 'Eine Zone braucht mindestens drei Ecken.',
  'An http or https address.': 'Eine http- oder https-Adresse.',
  // Bookings (bookings.ts) and their policy (settings.ts).
  'At least 0 days.': 'Mindestens 0 Tage.',
  'At most 365 days.': 'Höchstens 365 Tage.',
  'At least 1.': 'Mindestens 1.',
  'At most 50.': 'Höchstens 50.',
  'At least 5 minutes.': 'Mindestens 5 Minuten.',
  'A time like 2026-12-08T09:00:00+01:00.': 'Eine Zeit wie 2026-12-08T09:00:00+01:00.',
  'A date like 2026-12-08.': 'Ein Datum wie 2026-12-08.',
  'At most 62 days at a time.': 'Höchstens 62 Tage auf einmal.',
  'Choose a desk.': 'Wählen Sie einen Arbeitsplatz.',
  'The end comes after the start.': 'Das Ende liegt nach dem Beginn.',
  // The desk file's problems (desk-csv.ts) and the import's refusals (desk-import-plan.ts).
  'The file is empty.': 'Die Datei ist leer.',
  'This file is neither UTF-8 nor UTF-16 text. In Excel, save it as "CSV UTF-8" or "Unicode Text".':
    'Diese Datei ist weder UTF-8- noch UTF-16-Text. Speichern Sie sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“ oder „Unicode-Text“.',
  'This file contains NUL bytes: it looks like a binary file, not a CSV table.':
    'Diese Datei enthält NUL-Bytes: Sie sieht nach einer Binärdatei aus, nicht nach einer CSV-Tabelle.',
  'The file has no header row and no desks.': 'Die Datei hat keine Kopfzeile und keine Arbeitsplätze.',
  'The phone MAC (hw_id) is missing.': 'Die MAC des Telefons (hw_id) fehlt.',
  'The desk name is missing.': 'Der Arbeitsplatzname fehlt.',
  'The desk name contains control or text-direction characters.':
    'Der Arbeitsplatzname enthält Steuer- oder Textrichtungszeichen.',
  'enabled must be true or false (or yes / no).': 'enabled muss true oder false sein (oder yes / no).',
  'bookable must be true or false (or yes / no).': 'bookable muss true oder false sein (oder yes / no).',
  'A position needs both x and y.': 'Eine Position braucht x und y.',
  'A zone needs the floor it is on.': 'Eine Zone braucht die Etage, auf der sie liegt.',
  'This import removes every desk. Confirm that this is what you want.':
    'Dieser Import entfernt jeden Arbeitsplatz. Bestätigen Sie, dass Sie das wollen.',
};

/** A count the English wrote with a thousands comma (1,000,000), in German (1.000.000). */
const germanCount = (count: string) => count.replaceAll(',', '.');

const patterns: [RegExp, (...parts: string[]) => string][] = [
  [
    /^This image is (\d+) × (\d+) pixels; a plan can have at most (\d+) pixels a side and (\d+) megapixels\. Export it smaller\.$/,
    (width, height, side, megapixels) =>
      `Dieses Bild hat ${width} × ${height} Pixel; ein Plan darf höchstens ${side} Pixel je Seite und ${megapixels} Megapixel haben. Exportieren Sie ihn kleiner.`,
  ],
  [
    /^The file has more than ([\d,]+) rows; a desk table has at most that many\. Is this the right file\?$/,
    (rows) =>
      `Die Datei hat mehr als ${germanCount(rows)} Zeilen; eine Arbeitsplatztabelle hat höchstens so viele. Ist das die richtige Datei?`,
  ],
  [
    /^Row (\d+) has ([\d,]+) fields; a desk table has at most (\d+)\. Is this the right file\?$/,
    (row, fields, max) =>
      `Zeile ${row} hat ${germanCount(fields)} Felder; eine Arbeitsplatztabelle hat höchstens ${max}. Ist das die richtige Datei?`,
  ],
  [
    /^The column (.+) is not used and is ignored\.$/s,
    (column) => `Die Spalte ${column} wird nicht verwendet und ignoriert.`,
  ],
  [
    /^The columns (.+?)(?: and ([\d,]+) more)? are not used and are ignored\.$/s,
    (columns, more) =>
      `Die Spalten ${columns}${more ? ` und ${germanCount(more)} weitere` : ''} werden nicht verwendet und ignoriert.`,
  ],
  [
    /^The header needs a "(.+?)" column \(the header row was "(.*)"\)\.$/s,
    (column, header) => `Die Kopfzeile braucht eine Spalte „${column}“ (die Kopfzeile war „${header}“).`,
  ],
  [/^(\w+) must be a number from 0 to (\d+)\.$/, (column, max) => `${column} muss eine Zahl von 0 bis ${max} sein.`],
  [
    /^This row has (\d+) fields but the header has (\d+)\. Is a value with "(.+)" missing its quotes\?$/s,
    (fields, width, delimiter) =>
      `Diese Zeile hat ${fields} Felder, die Kopfzeile aber ${width}. Fehlen einem Wert mit „${delimiter === 'tab' ? 'Tabulator' : delimiter}“ die Anführungszeichen?`,
  ],
  [
    /^"(.*)" is not a MAC address \(12 hex digits, e\.g\. 00:90:33:12:34:56\)\.$/s,
    (value) => `„${value}“ ist keine MAC-Adresse (12 Hexadezimalziffern, z. B. 00:90:33:12:34:56).`,
  ],
  [/^The phone (\S+) is also in row (\d+)\.$/, (mac, row) => `Das Telefon ${mac} steht auch in Zeile ${row}.`],
  [
    /^A desk name has at most (\d+) characters \(this one has (\d+)\)\.$/,
    (max, length) => `Ein Arbeitsplatzname hat höchstens ${max} Zeichen (dieser hat ${length}).`,
  ],
  [
    /^The desk name "(.*)" is also in row (\d+)\.$/s,
    (name, row) => `Der Arbeitsplatzname „${name}“ steht auch in Zeile ${row}.`,
  ],
  [
    /^A desk has at most (\d+) computer names \(this row has (\d+)\)\.$/,
    (max, count) => `Ein Arbeitsplatz hat höchstens ${max} Computernamen (diese Zeile hat ${count}).`,
  ],
  [
    /^The computer name "(.*)" is also in row (\d+)\.$/s,
    (name, row) => `Der Computername „${name}“ steht auch in Zeile ${row}.`,
  ],
  [
    /^More than one floor is called "(.*)"; rename one of them first\.$/s,
    (floor) => `Mehr als eine Etage heißt „${floor}“; benennen Sie zuerst eine davon um.`,
  ],
  [
    /^There is no floor "(.*)"\. Create it first, or let the import create missing floors\.$/s,
    (floor) =>
      `Es gibt keine Etage „${floor}“. Legen Sie sie zuerst an, oder lassen Sie den Import fehlende Etagen anlegen.`,
  ],
  [
    /^Floor "(.*)" has no zone "(.*)"\. Zones are drawn on the floor map\.$/s,
    (floor, zone) => `Die Etage „${floor}“ hat keine Zone „${zone}“. Zonen werden auf dem Etagenplan gezeichnet.`,
  ],
  [
    /^Desk "(.*)" stays and already has this name\.$/s,
    (desk) => `Der Arbeitsplatz „${desk}“ bleibt und hat diesen Namen schon.`,
  ],
  [
    /^Desk "(.*)" stays and already has the computer "(.*)"\.$/s,
    (desk, computer) => `Der Arbeitsplatz „${desk}“ bleibt und hat den Computer „${computer}“ schon.`,
  ],
  [
    /^The file has (\d+) errors?; nothing was changed\.$/,
    (count) => `Die Datei hat ${count} Fehler; nichts wurde geändert.`,
  ],
  [
    /^This import removes (\d+) desks? someone is sitting at\. Choose what happens to them\.$/,
    (count) =>
      count === '1'
        ? 'Dieser Import entfernt 1 Arbeitsplatz, an dem jemand sitzt. Wählen Sie, was mit ihm geschieht.'
        : `Dieser Import entfernt ${count} Arbeitsplätze, an denen jemand sitzt. Wählen Sie, was mit ihnen geschieht.`,
  ],
  [
    /^(.*?)(?: and (\d+) more)? (sits|sit) at desks this import removes\. Helpdesk can log them out; or keep their phones as they are\.$/s,
    (named, more, verb) =>
      `${named}${more ? ` und ${more} weitere` : ''} ${verb === 'sits' ? 'sitzt' : 'sitzen'} an Arbeitsplätzen, die dieser Import entfernt. Der Helpdesk kann sie auschecken; oder lassen Sie ihre Telefone, wie sie sind.`,
  ],
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
