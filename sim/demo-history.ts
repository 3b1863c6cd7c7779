import { zonedTimeToUtc } from '../contract/local-time.ts';
import { seededRandom, type SimCompany } from './demo-company.ts';

/**
 * Eight weeks of plausible check-in history for the demo company, so that Insights shows something real on
 * first start: busy Tuesdays to Thursdays, quiet Fridays, nobody at weekends, arrivals between 7:30 and 10,
 * four to nine hours at the desk, and a few desks nobody ever uses. Deterministic for a given day. The
 * service writes these into its database; the browser-only demo keeps them in memory.
 */
export interface DemoSession {
  deskId: string;
  mac: string;
  guid: string;
  userName: string;
  displayName: string;
  since: Date;
  until: Date;
}

const WEEKDAY_SHARE = [0, 0.55, 0.78, 0.74, 0.66, 0.28, 0];
const WEEKS = 8;
const TIME_ZONE = 'Europe/Berlin';

export function demoHistory(
  company: SimCompany,
  desks: readonly { id: string; mac: string }[],
  now: Date,
): DemoSession[] {
  const random = seededRandom(Math.floor(now.getTime() / 86_400_000));
  const people = company.users.filter((user) => user.h323.startsWith('user'));
  const sessions: DemoSession[] = [];
  for (let daysAgo = WEEKS * 7; daysAgo >= 1; daysAgo -= 1) {
    const day = new Date(now.getTime() - daysAgo * 86_400_000);
    const share = WEEKDAY_SHARE[day.getUTCDay()] ?? 0;
    for (const [index, desk] of desks.entries()) {
      // Every thirteenth desk stands in a corner nobody likes.
      if (index % 13 === 12 || random() >= share) continue;
      const person = people[Math.floor(random() * people.length)];
      if (!person) continue;
      const arrival = 450 + Math.floor(random() * 150);
      const since = zonedTimeToUtc(
        TIME_ZONE,
        day.getUTCFullYear(),
        day.getUTCMonth() + 1,
        day.getUTCDate(),
        Math.floor(arrival / 60),
        arrival % 60,
      );
      sessions.push({
        deskId: desk.id,
        mac: desk.mac,
        guid: person.guid,
        userName: person.h323,
        displayName: person.cn,
        since,
        until: new Date(since.getTime() + (4 + random() * 5) * 3_600_000),
      });
    }
  }
  return sessions;
}
