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

const hello = (language: MailLanguage, name: string) => say(language, 'email.hello', { name });

function bookingFacts(ctx: Context, booking: BookingFacts, withWindow: boolean): Block {
  const time = timeFormat(ctx.language, ctx.timeZone);
  const facts: [string, string][] = [
    [say(ctx.language, 'email.desk'), booking.where],
    [say(ctx.language, 'email.when'), time.span(booking.start, booking.end)],
  ];
  if (booking.address) facts.push([say(ctx.language, 'email.address'), booking.address]);
  if (withWindow)
    facts.push([
      say(ctx.language, 'email.check'),
      say(ctx.language, 'email.between', {
        value1: time.clock(booking.confirmFrom),
        value2: time.clock(booking.confirmUntil),
      }),
    ]);
  return { facts };
}

const howToConfirm = (language: MailLanguage): Block => ({
  p: say(language, 'email.checkDeskTimeIts'),
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
  const by = actor === null ? '' : say(language, 'email.message', { actor });
  const link: Block = {
    link: { label: say(language, 'email.bookings'), url: `${ctx.consoleUrl}/bookings` },
  };
  const desk = booking.deskName;
  switch (kind) {
    case 'booking_made':
      return render(language, say(language, 'email.deskBooked', { desk, when }), [
        { p: hello(language, booking.displayName) },
        { p: say(language, 'email.deskBooked2', { desk, by }) },
        bookingFacts(ctx, booking, true),
        howToConfirm(language),
        {
          p: say(language, 'email.attachedFileAddsCalendar'),
        },
        link,
      ]);
    case 'booking_changed':
      return render(language, say(language, 'email.bookingChangedDesk', { desk, when }), [
        { p: hello(language, booking.displayName) },
        {
          p: say(language, 'email.bookingDeskChangedNow', { desk, by }),
        },
        bookingFacts(ctx, booking, false),
        link,
      ]);
    case 'booking_cancelled':
      return render(language, say(language, 'email.bookingCancelledDesk', { desk, when }), [
        { p: hello(language, booking.displayName) },
        {
          p: say(language, 'email.bookingDeskCancelled', { desk, by }),
        },
        bookingFacts(ctx, booking, false),
        {
          p: say(language, 'email.attachedFileRemovesCalendar'),
        },
        link,
      ]);
    case 'booking_reminder':
      return render(language, say(language, 'email.reminderDesk', { desk, when }), [
        { p: hello(language, booking.displayName) },
        { p: say(language, 'email.haveBookedDesk', { desk }) },
        bookingFacts(ctx, booking, true),
        howToConfirm(language),
        {
          p: say(language, 'email.comingCancelBookingSo'),
        },
        link,
      ]);
    case 'booking_released':
      return render(language, say(language, 'email.bookingReleasedDesk', { desk, when }), [
        { p: hello(language, booking.displayName) },
        {
          p: say(language, 'email.nobodyCheckedDeskSo', { desk, value2: time.clock(booking.confirmUntil) }),
        },
        bookingFacts(ctx, booking, false),
        link,
      ]);
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
      p: say(language, 'email.loggedOutDeskCalls', {
        factsActor: facts.actor,
        factsDeskName: facts.deskName,
        value3: time.moment(facts.at),
      }),
    },
  ];
  if (facts.note) blocks.push({ facts: [[say(language, 'email.reason'), facts.note]] });
  blocks.push({
    p: say(language, 'email.stillDeskCheckAgain'),
  });
  blocks.push({ link: { label: say(language, 'email.check'), url: `${ctx.consoleUrl}/checkin` } });
  return render(language, say(language, 'email.wereLoggedOutDesk', { factsDeskName: facts.deskName }), blocks);
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
  return render(language, say(language, 'email.deskUse', { figuresDay: figures.day }), [
    {
      facts: [
        [say(language, 'email.checkIns'), String(figures.checkins)],
        [say(language, 'email.people'), String(figures.people)],
        [say(language, 'email.desksUsed'), `${figures.desksUsed} / ${figures.desks}`],
        [say(language, 'email.bookings2'), String(figures.bookings)],
        [say(language, 'email.confirmed'), String(figures.confirmed)],
        [say(language, 'email.releasedShow'), String(figures.released)],
        [say(language, 'email.showRate'), noShow],
      ],
    },
    { link: { label: say(language, 'email.insights'), url: `${ctx.consoleUrl}/insights` } },
    {
      p: say(language, 'email.getBecauseAskedMy'),
    },
  ]);
}

/** The emergency alert by e-mail: the same facts as the console's alert (Kari's Law: call, callback, location). */
export function emergencyMail(ctx: Context, alert: EmergencyAlert): Composed {
  const { language } = ctx;
  const time = timeFormat(language, ctx.timeZone);
  const where = [alert.siteName, alert.floorName, say(language, 'email.desk2', { alertDeskName: alert.deskName })]
    .filter((part): part is string => part !== null && part !== '')
    .join(', ');
  const facts: [string, string][] = [
    [say(language, 'email.numberDialled'), alert.number],
    [say(language, 'email.time'), time.moment(new Date(alert.at))],
    [say(language, 'email.caller'), alert.caller?.displayName ?? say(language, 'email.nobodyCheckedFreeDesk')],
    [say(language, 'email.callBack'), alert.callback ?? '–'],
    [say(language, 'email.where'), where],
  ];
  if (alert.address) facts.push([say(language, 'email.address'), alert.address]);
  return render(
    language,
    say(language, 'email.emergencyCallDesk', { alertNumber: alert.number, alertDeskName: alert.deskName }),
    [
      {
        p: say(language, 'email.emergencyCallMadeDesk', { alertDeskName: alert.deskName }),
      },
      { facts },
      {
        link: {
          label: say(language, 'email.openAlertAcknowledge'),
          url:
            alert.floorId && alert.deskId
              ? `${ctx.consoleUrl}/desks/map?floor=${alert.floorId}&desk=${alert.deskId}`
              : ctx.consoleUrl,
        },
      },
    ],
  );
}
