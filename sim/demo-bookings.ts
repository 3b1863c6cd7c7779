import { zonedTimeToUtc } from '../contract/local-time.ts';
import { addDays, localMoment, weekdayOf } from '../contract/office-hours.ts';
import type { SimCompany } from './demo-company.ts';

/**
 * The demo company's desk bookings: a dozen a working day for today and the next two weeks, on desks nobody sits
 * at, 8:00 to 17:00 (today from two hours on: nobody confirms them, so they are released as the demo runs).
 * Two people book the same desk every week on the same weekday (a weekly series each). Deterministic for a day.
 */
export interface DemoBooking {
  deskId: string;
  userName: string;
  displayName: string;
  start: Date;
  end: Date;
  /** Occurrences of one weekly series share it. */
  series: string | null;
}

const TIME_ZONE = 'Europe/Berlin';
const PER_DAY = 12;
const DAYS = 14;

export function demoBookings(
  company: SimCompany,
  desks: readonly { id: string; mac: string }[],
  now: Date,
): DemoBooking[] {
  const held = new Set(company.users.flatMap((user) => user.devices.map((device) => device.hw)));
  const free = desks.filter((desk) => !held.has(desk.mac));
  const people = company.users.filter((user) => user.h323.startsWith('user'));
  if (free.length < PER_DAY || people.length < PER_DAY) return [];
  const today = localMoment(now, TIME_ZONE);
  const at = (day: string, hour: number) => {
    const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
    return zonedTimeToUtc(TIME_ZONE, year, month, date, hour, 0);
  };
  const bookings: DemoBooking[] = [];
  for (let offset = 0; offset < DAYS; offset += 1) {
    const day = addDays(today.day, offset);
    const weekday = weekdayOf(day);
    if (weekday > 5) continue;
    // Today's start two hours ahead: a desk booked soon keeps walk-ins off (the policy's guard), not at once.
    const first = offset === 0 ? Math.ceil(today.hour) + 2 : 8;
    if (first >= 17) continue;
    for (let index = 0; index < PER_DAY; index += 1) {
      // The first two of each weekday are the same person at the same desk every week.
      const recurring = index < 2;
      const seed = recurring ? weekday * 2 + index : offset * PER_DAY + index;
      const desk = free[(seed * 7) % free.length];
      const person = people[recurring ? weekday * 2 + index : 10 + ((offset * PER_DAY + index) % (people.length - 10))];
      if (!desk || !person) continue;
      bookings.push({
        deskId: desk.id,
        userName: person.h323,
        displayName: person.cn,
        start: at(day, first),
        end: at(day, 17),
        series: recurring ? `${weekday}-${index}` : null,
      });
    }
  }
  // One booking per desk and per person at a time: a later one that would overlap is dropped.
  const seen = new Set<string>();
  return bookings.filter((booking) => {
    const date = localMoment(booking.start, TIME_ZONE).day;
    const keys = [`desk ${booking.deskId} ${date}`, `person ${booking.userName} ${date}`];
    if (keys.some((key) => seen.has(key))) return false;
    for (const key of keys) seen.add(key);
    return true;
  });
}
