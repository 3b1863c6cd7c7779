import type { SettingsValues } from './settings.ts';
import { addDays, localMoment } from './office-hours.ts';
import { zonedTimeToUtc } from './local-time.ts';
import { msg, type Message } from '../i18n/message.ts';

/** The rules a booking is made under, shared by the service and the browser-only demo. */

export interface Occurrence {
  start: string;
  end: string;
}

/** The longest single booking: a day; longer stays are a booking per day (or a weekly series). */
export const MAX_BOOKING_HOURS = 24;

const wallClock = (instant: Date, timeZone: string) => {
  const moment = localMoment(instant, timeZone);
  const hour = Math.floor(moment.hour);
  return { day: moment.day, hour, minute: Math.round((moment.hour - hour) * 60) };
};

const atWallClock = (timeZone: string, day: string, hour: number, minute: number) => {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return zonedTimeToUtc(timeZone, year, month, date, hour, minute).toISOString();
};

/**
 * The booking and, with `until`, its weekly repetitions up to and including that local day: the same wall-clock
 * times each week (a clock change between them does not shift the office day).
 */
export function weeklyOccurrences(
  start: string,
  end: string,
  until: string | undefined,
  timeZone: string,
): Occurrence[] {
  const first = { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
  if (until === undefined) return [first];
  const from = wallClock(new Date(start), timeZone);
  const to = wallClock(new Date(end), timeZone);
  const occurrences: Occurrence[] = [first];
  for (let week = 1; addDays(from.day, 7 * week) <= until && week <= 60; week += 1) {
    occurrences.push({
      start: atWallClock(timeZone, addDays(from.day, 7 * week), from.hour, from.minute),
      end: atWallClock(timeZone, addDays(to.day, 7 * week), to.hour, to.minute),
    });
  }
  return occurrences;
}

/**
 * Why this occurrence cannot be booked under the policy, or null. Staff booking on someone's behalf are bound only
 * by time itself (nothing in the past, at most a day).
 */
export function bookingRuleBreach(
  occurrence: Occurrence,
  { now, settings, onBehalf }: { now: number; settings: SettingsValues; onBehalf: boolean },
): Message | null {
  const start = Date.parse(occurrence.start);
  const end = Date.parse(occurrence.end);
  if (end <= now) return msg('contract.bookingRules.timeOver');
  if (end - start > MAX_BOOKING_HOURS * 3_600_000)
    return msg('contract.bookingRules.bookingLastsMostHours', { maxBookingHours: MAX_BOOKING_HOURS });
  if (onBehalf) return null;
  const policy = settings.bookings;
  const timeZone = settings.autoLogout.timeZone;
  const lastDay = addDays(localMoment(new Date(now), timeZone).day, policy.horizonDays);
  if (localMoment(new Date(start), timeZone).day > lastDay)
    return msg('contract.bookingRules.desksCanBookedUp', { policyHorizonDays: policy.horizonDays, lastDay });
  if (start < now + policy.minNoticeMinutes * 60_000)
    return msg('contract.bookingRules.bookingStartsLeastMinutes', { policyMinNoticeMinutes: policy.minNoticeMinutes });
  return null;
}

/** The window in which checking in at the desk confirms the booking (never past its end). */
export function confirmationWindow(occurrence: Occurrence, policy: SettingsValues['bookings']): Occurrence {
  const start = Date.parse(occurrence.start);
  const until = Math.min(start + policy.confirmAfterMinutes * 60_000, Date.parse(occurrence.end));
  return {
    start: new Date(start - policy.confirmBeforeMinutes * 60_000).toISOString(),
    end: new Date(until).toISOString(),
  };
}
