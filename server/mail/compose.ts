import type { MailLanguage } from '../../contract/mail.ts';
import type { EmergencyAlert } from '../../contract/occupancy.ts';
import { render, say, timeFormat, type Block, type Composed } from './messages.ts';

/** Each message the service sends, composed from the facts it is about. */

export interface BookingFacts {
  deskName: string;
  /** Desk, floor and site, as one line. */
  where: string;
  address: string | null;
  start: Date;
  end: Date;
  confirmFrom: Date;
  confirmUntil: Date;
  displayName: string;
  /** How many weeks of a weekly series this booking stands for (1: a single booking). */
  weeks?: number;
}

export type BookingMailKind =
  'booking_made' | 'booking_changed' | 'booking_cancelled' | 'booking_reminder' | 'booking_released';

interface Context {
  language: MailLanguage;
  timeZone: string;
  /** The console's address, for the link at the end. */
  consoleUrl: string;
}

const hello = (language: MailLanguage, name: string) => say(language, `Hello ${name},`, `Hallo ${name},`);

function bookingFacts(ctx: Context, booking: BookingFacts, withWindow: boolean): Block {
  const time = timeFormat(ctx.language, ctx.timeZone);
  const facts: [string, string][] = [
    [say(ctx.language, 'Desk', 'Arbeitsplatz'), booking.where],
    [say(ctx.language, 'When', 'Wann'), time.span(booking.start, booking.end)],
  ];
  if (booking.address) facts.push([say(ctx.language, 'Address', 'Adresse'), booking.address]);
  if (withWindow)
    facts.push([
      say(ctx.language, 'Check in', 'Einchecken'),
      say(
        ctx.language,
        `between ${time.clock(booking.confirmFrom)} and ${time.clock(booking.confirmUntil)}`,
        `zwischen ${time.clock(booking.confirmFrom)} und ${time.clock(booking.confirmUntil)} Uhr`,
      ),
    ]);
  return { facts };
}

const howToConfirm = (language: MailLanguage): Block => ({
  p: say(
    language,
    'Check in at the desk in that time (on its phone, with its QR code or in the console), or call from its phone: otherwise the booking is released for others.',
    'Checken Sie in dieser Zeit am Arbeitsplatz ein (am Telefon, mit dem QR-Code oder in der Konsole) oder rufen Sie von seinem Telefon aus an: sonst wird die Buchung für andere freigegeben.',
  ),
});

/** Mail about a booking; `actor`: who did it when it was someone else (helpdesk booking or cancelling for them). */
export function bookingMail(
  kind: BookingMailKind,
  ctx: Context,
  booking: BookingFacts,
  actor: string | null,
): Composed {
  const { language } = ctx;
  const time = timeFormat(language, ctx.timeZone);
  const when = time.span(booking.start, booking.end);
  const by = actor === null ? '' : say(language, ` by ${actor}`, ` von ${actor}`);
  const link: Block = {
    link: { label: say(language, 'Your bookings', 'Ihre Buchungen'), url: `${ctx.consoleUrl}/bookings` },
  };
  const desk = booking.deskName;
  switch (kind) {
    case 'booking_made':
      return render(language, say(language, `Desk ${desk} booked: ${when}`, `Arbeitsplatz ${desk} gebucht: ${when}`), [
        { p: hello(language, booking.displayName) },
        { p: say(language, `Desk ${desk} is booked for you${by}.`, `Arbeitsplatz ${desk} ist für Sie gebucht${by}.`) },
        bookingFacts(ctx, booking, true),
        howToConfirm(language),
        {
          p: say(
            language,
            'The attached file adds it to your calendar.',
            'Mit der angehängten Datei tragen Sie sie in Ihren Kalender ein.',
          ),
        },
        link,
      ]);
    case 'booking_changed':
      return render(
        language,
        say(language, `Booking changed: desk ${desk}, ${when}`, `Buchung geändert: Arbeitsplatz ${desk}, ${when}`),
        [
          { p: hello(language, booking.displayName) },
          {
            p: say(
              language,
              `Your booking of desk ${desk} was changed${by}. It is now:`,
              `Ihre Buchung von Arbeitsplatz ${desk} wurde geändert${by}. Sie gilt jetzt:`,
            ),
          },
          bookingFacts(ctx, booking, false),
          link,
        ],
      );
    case 'booking_cancelled':
      return render(
        language,
        say(language, `Booking cancelled: desk ${desk}, ${when}`, `Buchung storniert: Arbeitsplatz ${desk}, ${when}`),
        [
          { p: hello(language, booking.displayName) },
          {
            p: say(
              language,
              `Your booking of desk ${desk} was cancelled${by}.`,
              `Ihre Buchung von Arbeitsplatz ${desk} wurde storniert${by}.`,
            ),
          },
          bookingFacts(ctx, booking, false),
          {
            p: say(
              language,
              'The attached file removes it from your calendar.',
              'Mit der angehängten Datei entfernen Sie sie aus Ihrem Kalender.',
            ),
          },
          link,
        ],
      );
    case 'booking_reminder':
      return render(
        language,
        say(language, `Reminder: desk ${desk}, ${when}`, `Erinnerung: Arbeitsplatz ${desk}, ${when}`),
        [
          { p: hello(language, booking.displayName) },
          { p: say(language, `You have booked desk ${desk}.`, `Sie haben Arbeitsplatz ${desk} gebucht.`) },
          bookingFacts(ctx, booking, true),
          howToConfirm(language),
          {
            p: say(
              language,
              'Not coming? Cancel the booking, so that a colleague can have the desk.',
              'Sie kommen nicht? Stornieren Sie die Buchung, damit jemand anderes den Arbeitsplatz bekommt.',
            ),
          },
          link,
        ],
      );
    case 'booking_released':
      return render(
        language,
        say(language, `Booking released: desk ${desk}, ${when}`, `Buchung freigegeben: Arbeitsplatz ${desk}, ${when}`),
        [
          { p: hello(language, booking.displayName) },
          {
            p: say(
              language,
              `Nobody checked in at desk ${desk} by ${time.clock(booking.confirmUntil)}, so your booking was released for others.`,
              `Bis ${time.clock(booking.confirmUntil)} Uhr hat niemand an Arbeitsplatz ${desk} eingecheckt, deshalb wurde Ihre Buchung für andere freigegeben.`,
            ),
          },
          bookingFacts(ctx, booking, false),
          link,
        ],
      );
  }
}

/** "You were logged out by helpdesk", with who and why. */
export function logoutMail(
  ctx: Context,
  facts: { displayName: string; deskName: string; at: Date; actor: string; note: string | null },
): Composed {
  const { language } = ctx;
  const time = timeFormat(language, ctx.timeZone);
  const blocks: Block[] = [
    { p: hello(language, facts.displayName) },
    {
      p: say(
        language,
        `${facts.actor} logged you out of desk ${facts.deskName} at ${time.moment(facts.at)}. Calls to your number no longer ring there.`,
        `${facts.actor} hat Sie am ${time.moment(facts.at)} Uhr von Arbeitsplatz ${facts.deskName} abgemeldet. Anrufe an Ihre Nummer klingeln dort nicht mehr.`,
      ),
    },
  ];
  if (facts.note) blocks.push({ facts: [[say(language, 'Reason', 'Grund'), facts.note]] });
  blocks.push({
    p: say(
      language,
      'Still at the desk? Check in again. Questions: ask your helpdesk.',
      'Sie sitzen noch dort? Checken Sie erneut ein. Fragen beantwortet Ihr Helpdesk.',
    ),
  });
  blocks.push({ link: { label: say(language, 'Check in', 'Einchecken'), url: `${ctx.consoleUrl}/checkin` } });
  return render(
    language,
    say(
      language,
      `You were logged out of desk ${facts.deskName}`,
      `Sie wurden von Arbeitsplatz ${facts.deskName} abgemeldet`,
    ),
    blocks,
  );
}

export interface DayFigures {
  day: string;
  checkins: number;
  people: number;
  desksUsed: number;
  desks: number;
  bookings: number;
  confirmed: number;
  released: number;
}

/** The daily summary for facility: how the desks were used the day before. */
export function summaryMail(ctx: Context, figures: DayFigures): Composed {
  const { language } = ctx;
  const settled = figures.confirmed + figures.released;
  const noShow = settled === 0 ? '–' : `${Math.round((figures.released / settled) * 1000) / 10} %`;
  return render(language, say(language, `Desk use on ${figures.day}`, `Arbeitsplatznutzung am ${figures.day}`), [
    {
      facts: [
        [say(language, 'Check-ins', 'Check-ins'), String(figures.checkins)],
        [say(language, 'People', 'Personen'), String(figures.people)],
        [say(language, 'Desks used', 'Genutzte Arbeitsplätze'), `${figures.desksUsed} / ${figures.desks}`],
        [say(language, 'Bookings', 'Buchungen'), String(figures.bookings)],
        [say(language, 'Confirmed', 'Bestätigt'), String(figures.confirmed)],
        [say(language, 'Released (no-show)', 'Freigegeben (nicht erschienen)'), String(figures.released)],
        [say(language, 'No-show rate', 'Nicht-erschienen-Quote'), noShow],
      ],
    },
    { link: { label: say(language, 'Insights', 'Auswertung'), url: `${ctx.consoleUrl}/insights` } },
    {
      p: say(
        language,
        'You get this because you asked for it (My desk → E-mail).',
        'Sie erhalten dies, weil Sie es bestellt haben (Mein Arbeitsplatz → E-Mail).',
      ),
    },
  ]);
}

/** The emergency alert by e-mail: the same facts as the console's alert (Kari's Law: call, callback, location). */
export function emergencyMail(ctx: Context, alert: EmergencyAlert): Composed {
  const { language } = ctx;
  const time = timeFormat(language, ctx.timeZone);
  const where = [
    alert.siteName,
    alert.floorName,
    say(language, `desk ${alert.deskName}`, `Arbeitsplatz ${alert.deskName}`),
  ]
    .filter((part): part is string => part !== null && part !== '')
    .join(', ');
  const facts: [string, string][] = [
    [say(language, 'Number dialled', 'Gewählte Nummer'), alert.number],
    [say(language, 'Time', 'Zeit'), time.moment(new Date(alert.at))],
    [
      say(language, 'Caller', 'Anrufer'),
      alert.caller?.displayName ??
        say(
          language,
          'nobody checked in (the free desk’s phone)',
          'niemand eingecheckt (Telefon des freien Arbeitsplatzes)',
        ),
    ],
    [say(language, 'Call back', 'Rückruf'), alert.callback ?? '–'],
    [say(language, 'Where', 'Wo'), where],
  ];
  if (alert.address) facts.push([say(language, 'Address', 'Adresse'), alert.address]);
  return render(
    language,
    say(
      language,
      `EMERGENCY CALL ${alert.number} from desk ${alert.deskName}`,
      `NOTRUF ${alert.number} von Arbeitsplatz ${alert.deskName}`,
    ),
    [
      {
        p: say(
          language,
          `An emergency call was made from desk ${alert.deskName}. Send someone there and be ready to guide the emergency services.`,
          `Von Arbeitsplatz ${alert.deskName} wurde ein Notruf abgesetzt. Schicken Sie jemanden hin und weisen Sie die Rettungskräfte ein.`,
        ),
      },
      { facts },
      {
        link: {
          label: say(language, 'Open the alert and acknowledge it', 'Alarm öffnen und bestätigen'),
          url:
            alert.floorId && alert.deskId
              ? `${ctx.consoleUrl}/desks/map?floor=${alert.floorId}&desk=${alert.deskId}`
              : ctx.consoleUrl,
        },
      },
    ],
  );
}
