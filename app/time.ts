// Calendar dates typed by a person mean midnight where that person is, not midnight UTC.
import { gte, lt, type AnyColumn, type SQL } from "drizzle-orm";

/** The instant at which `date` (YYYY-MM-DD) begins in `timeZone`. */
export function startOfDayInZone(date: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const guess = Date.UTC(year, month - 1, day);
  // The zone's offset at the guessed instant; one correction handles days on which the offset changes.
  const first = guess - offsetMs(new Date(guess), timeZone);
  return new Date(guess - offsetMs(new Date(first), timeZone));
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The IANA time zones a person may choose, as this runtime knows them (UTC among them). */
export const TIME_ZONES: readonly string[] = [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone")])].sort();

/** A time zone as the runtime spells it ("europe/berlin" → "Europe/Berlin"); null when it knows no such zone. */
export function canonicalTimeZone(timeZone: string): string | null {
  if (!timeZone || timeZone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Conditions for "on or after `from`, on or before `to`" (days, YYYY-MM-DD) on a timestamp column, where
 * each day is the person's own, from midnight to midnight in `timeZone`.
 */
export function withinDays(column: AnyColumn, days: { from?: string; to?: string }, timeZone: string): SQL[] {
  const where: SQL[] = [];
  if (days.from) where.push(gte(column, startOfDayInZone(days.from, timeZone)));
  if (days.to) {
    const next = new Date(`${days.to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    where.push(lt(column, startOfDayInZone(next.toISOString().slice(0, 10), timeZone)));
  }
  return where;
}
