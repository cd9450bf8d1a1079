import type { BusinessHours, FieldError } from '@valueloop/contracts';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { orgBusinessHours } from '../db/schema/index.ts';
import { validationFailed } from '../http/errors.ts';

/**
 * The SLA clock: it runs only during an organization's opening hours, in its own time zone
 * (wall-clock hours, so a DST change moves the UTC instants, not the opening times), and stops
 * on closed weekdays and holidays. Pure functions; `businessHoursOf` is the one loader.
 */

/** When an organization has set nothing: Monday to Friday, 09:00–17:00 UTC. */
export const defaultBusinessHours: BusinessHours = {
  timezone: 'UTC',
  days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '17:00' })),
  holidays: [],
};

const MINUTE = 60_000;
/** Beyond this many consecutive closed days the clock gives up and counts calendar time. */
const MAX_SCAN_DAYS = 400;

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** Local wall time of an instant in a zone, as the UTC timestamp with the same fields. */
function wallClockOf(instant: number, timezone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

function offsetAt(instant: number, timezone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClockOf(whole, timezone) - whole;
}

/**
 * The instant a local wall time happens. Around a DST change the offsets 12 h before and after
 * are the two candidates: an ambiguous time (autumn) takes the first occurrence, a time in the
 * spring-forward gap moves forward by the gap.
 */
function instantOfWallTime(date: LocalDate, minutes: number, timezone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  const before = offsetAt(wall - 12 * 3_600_000, timezone);
  const after = offsetAt(wall + 12 * 3_600_000, timezone);
  const valid = [wall - before, wall - after].filter((t) => wallClockOf(t, timezone) === wall);
  return valid.length > 0 ? Math.min(...valid) : wall - before;
}

function localDateOf(instant: number, timezone: string): LocalDate {
  const wall = new Date(wallClockOf(instant, timezone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

function nextDate(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function isoDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function minutesOfDay(hhmm: string): number {
  const [hours = '0', minutes = '0'] = hhmm.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/** The opening interval of a local date as UTC instants, or null when closed that day. */
function openingOf(
  date: LocalDate,
  hours: BusinessHours,
  holidays: ReadonlySet<string>,
): { open: number; close: number } | null {
  if (holidays.has(isoDate(date))) return null;
  const utcWeekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  const weekday = utcWeekday === 0 ? 7 : utcWeekday;
  const day = hours.days.find((d) => d.weekday === weekday);
  if (!day) return null;
  const open = instantOfWallTime(date, minutesOfDay(day.open), hours.timezone);
  const close = instantOfWallTime(date, minutesOfDay(day.close), hours.timezone);
  return close > open ? { open, close } : null;
}

/** The instant when `minutes` business minutes have passed after `start`. */
export function addBusinessMinutes(start: Date, minutes: number, hours: BusinessHours): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`business minutes must be a non-negative number, got ${minutes}`);
  }
  const holidays = new Set(hours.holidays);
  let remaining = minutes * MINUTE;
  let cursor = start.getTime();
  let date = localDateOf(cursor, hours.timezone);
  for (let scanned = 0; scanned < MAX_SCAN_DAYS; scanned++) {
    const opening = openingOf(date, hours, holidays);
    if (opening) {
      const from = Math.max(cursor, opening.open);
      if (from < opening.close) {
        const available = opening.close - from;
        if (remaining <= available) return new Date(from + remaining);
        remaining -= available;
        scanned = 0;
      }
      cursor = Math.max(cursor, opening.close);
    }
    date = nextDate(date);
  }
  // No opening hours at all (or a year of holidays): fall back to calendar time.
  return new Date(start.getTime() + minutes * MINUTE);
}

/** Business minutes from `a` to `b` (whole minutes, toward zero); negative when b is before a. */
export function businessMinutesBetween(a: Date, b: Date, hours: BusinessHours): number {
  if (b.getTime() < a.getTime()) return -businessMinutesBetween(b, a, hours);
  const holidays = new Set(hours.holidays);
  const end = b.getTime();
  let total = 0;
  let date = localDateOf(a.getTime(), hours.timezone);
  // A local day never starts more than ~14 h before its UTC date, so stop one day past `end`.
  for (;;) {
    const opening = openingOf(date, hours, holidays);
    if (opening) {
      if (opening.open >= end) break;
      const from = Math.max(a.getTime(), opening.open);
      const to = Math.min(end, opening.close);
      if (to > from) total += to - from;
    } else if (Date.UTC(date.year, date.month - 1, date.day) - 2 * 86_400_000 > end) {
      break;
    }
    date = nextDate(date);
  }
  return Math.trunc(total / MINUTE);
}

/**
 * Checks zod cannot do: a real IANA zone, close after open, one entry per weekday. Fields are
 * named under `at` (the request body by default, like zod's own errors).
 */
export function validateBusinessHours(hours: BusinessHours, at = 'body'): void {
  const errors: FieldError[] = [];
  try {
    formatterFor(hours.timezone);
  } catch {
    errors.push({ field: `${at}.timezone`, message: `unknown time zone ${hours.timezone}` });
  }
  const seen = new Set<number>();
  hours.days.forEach((day, index) => {
    if (seen.has(day.weekday)) {
      errors.push({
        field: `${at}.days.${index}.weekday`,
        message: 'each weekday may appear once',
      });
    }
    seen.add(day.weekday);
    if (minutesOfDay(day.close) <= minutesOfDay(day.open)) {
      errors.push({
        field: `${at}.days.${index}.close`,
        message: 'must be after open (opening across midnight is not supported)',
      });
    }
  });
  if (hours.days.length === 0) {
    errors.push({ field: `${at}.days`, message: 'at least one weekday must be open' });
  }
  if (errors.length > 0) throw validationFailed(errors, 'The business hours are not valid');
}

/** The organization's business hours, or the default when it has set none. */
export async function businessHoursOf(db: DbOrTx, orgId: string): Promise<BusinessHours> {
  const [row] = await db
    .select({ hours: orgBusinessHours.hours })
    .from(orgBusinessHours)
    .where(eq(orgBusinessHours.orgId, orgId));
  return row?.hours ?? defaultBusinessHours;
}
