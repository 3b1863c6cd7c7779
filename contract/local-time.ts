/** Time-zone arithmetic for the daily automatic logout, with Intl only (no library). */

function partsIn(timeZone: string, at: Date) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return {
    year: value('year'),
    month: value('month'),
    day: value('day'),
    hour: value('hour'),
    minute: value('minute'),
    second: value('second'),
  };
}

/** How far `timeZone`'s clocks are ahead of UTC at `at`, in milliseconds. */
function offsetAt(timeZone: string, at: number): number {
  const seen = partsIn(timeZone, new Date(at));
  return Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second) - (at - (at % 1000));
}

/**
 * The UTC instant of a wall-clock time in `timeZone`. A time the clocks skip (spring forward) is moved
 * on by the gap, an hour in most zones, half an hour on Lord Howe Island: a daily job at 02:30 runs at
 * 03:30 that day in Berlin rather than before the gap. A time that occurs twice (fall back) is one
 * instant, so the job runs once.
 */
export function zonedTimeToUtc(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wanted;
  for (let round = 0; round < 3; round += 1) {
    const seen = partsIn(timeZone, new Date(guess));
    const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
    guess += wanted - seenAsUtc;
  }
  const landed = partsIn(timeZone, new Date(guess));
  // In a gap: read the wall time with the offset from before the gap, which lands just past it. The gap began
  // at most 15 hours before `wanted` read as UTC (offsets reach +14 h, gaps an hour): a day earlier is safely
  // before it (half a day was not, for Chatham at +13:45) and long after the zone's previous change.
  if (landed.hour !== hour || landed.minute !== minute)
    return new Date(wanted - offsetAt(timeZone, wanted - 24 * 3_600_000));
  return new Date(guess);
}

/** The latest instant at or before `now` when the local clock in `timeZone` showed `hhmm`. */
export function lastDailyDue(now: Date, timeZone: string, hhmm: string): Date {
  const [hour = 0, minute = 0] = hhmm.split(':').map(Number);
  const local = partsIn(timeZone, now);
  const today = zonedTimeToUtc(timeZone, local.year, local.month, local.day, hour, minute);
  if (today.getTime() <= now.getTime()) return today;
  const yesterday = new Date(Date.UTC(local.year, local.month - 1, local.day) - 86_400_000);
  return zonedTimeToUtc(
    timeZone,
    yesterday.getUTCFullYear(),
    yesterday.getUTCMonth() + 1,
    yesterday.getUTCDate(),
    hour,
    minute,
  );
}
