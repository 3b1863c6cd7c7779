import { formattingLocale } from './i18n.ts';

const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(
  kind: string,
  make: (locale: string) => T,
): T {
  const locale = formattingLocale();
  const key = `${kind}:${locale}`;
  let format = formats.get(key) as T | undefined;
  if (format === undefined) {
    format = make(locale);
    formats.set(key, format);
  }
  return format;
}

type Instant = Date | string | number;

/** The one way the console writes a point in time: 23 Nov 2026, 14:05 · 23.11.2026, 14:05 (24-hour in German). */
export function formatDateTime(value: Instant): string {
  return cached(
    'datetime',
    (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(new Date(value));
}

/** A time of today: 14:05. */
export function formatTime(value: Instant): string {
  return cached('time', (locale) => new Intl.DateTimeFormat(locale, { timeStyle: 'short' })).format(new Date(value));
}

/**
 * A point on a chart's time axis in `timeZone`: the day (27 Oct · 27. Okt.), and the time too when it is not
 * midnight there (hourly charts).
 */
export function formatChartTime(value: Instant, timeZone: string): string {
  const date = new Date(value);
  const day = cached(
    `chart-day:${timeZone}`,
    (locale) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone }),
  );
  const clock = cached(
    `chart-clock:${timeZone}`,
    () => new Intl.DateTimeFormat('en', { hour: 'numeric', minute: 'numeric', hourCycle: 'h23', timeZone }),
  );
  if (clock.format(date) === '00:00') return day.format(date);
  const time = cached(
    `chart-time:${timeZone}`,
    (locale) => new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }),
  );
  return `${day.format(date)}, ${time.format(date)}`;
}

export function formatNumber(value: number): string {
  return cached('number', (locale) => new Intl.NumberFormat(locale)).format(value);
}

/** A file size in megabytes with one decimal: 12.3 · 12,3. */
export function formatMegabytes(bytes: number): string {
  return formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10);
}

/** "A, B and C" · "A, B und C". */
export function formatList(items: readonly string[]): string {
  return cached('list', (locale) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })).format(items);
}

/** An ISO weekday (Monday 1 … Sunday 7) in the console's language; 1 January 2024 was a Monday. */
export function formatWeekday(day: number, width: 'long' | 'short'): string {
  return cached(
    `weekday-${width}`,
    (locale) => new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(2024, 0, day)));
}

/** A calendar day (YYYY-MM-DD): Tue, 8 Dec · Di., 8. Dez. */
export function formatDay(day: string): string {
  return cached(
    'day',
    (locale) => new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }),
  ).format(new Date(`${day}T12:00:00Z`));
}

/** A time of day as the office's clock shows it: 08:00 (24-hour in German, 8:00 AM in English). */
export function formatTimeIn(value: Instant, timeZone: string): string {
  return cached(
    `time-in:${timeZone}`,
    (locale) => new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }),
  ).format(new Date(value));
}
