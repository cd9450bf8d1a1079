import type { BusinessHours } from '@valueloop/contracts';

/**
 * The demo's SLA clock: business minutes in the organization's opening hours (wall-clock
 * times in its time zone). The demo keeps its own small copy so that it does not depend on the
 * case service; business-clock.test.ts checks that the two agree.
 */
export interface BusinessClock {
  /** The instant (ms) when `minutes` business minutes have passed after `start` (ms). */
  add(start: number, minutes: number): number;
  /** Business minutes between two instants (ms), a ≤ b. */
  between(a: number, b: number): number;
}

const DAY = 86_400_000;
const MINUTE = 60_000;

export function createBusinessClock(hours: BusinessHours): BusinessClock {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone: hours.timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const holidays = new Set(hours.holidays);
  const byWeekday = new Map(hours.days.map((d) => [d.weekday, d]));
  const exact = new Map<number, number>();
  /** Local wall time minus UTC at a whole UTC hour. */
  const offsetAtHour = (hour: number): number => {
    let offset = exact.get(hour);
    if (offset === undefined) {
      const f: Record<string, number> = {};
      for (const p of formatter.formatToParts(hour)) if (p.type !== 'literal') f[p.type] = +p.value;
      offset = Date.UTC(f.year!, f.month! - 1, f.day!, f.hour! % 24, f.minute!) - hour;
      exact.set(hour, offset);
    }
    return offset;
  };
  const daily = new Map<number, number | null>();
  /** Local wall time minus UTC at an instant: one lookup per UTC day unless the offset changes. */
  const offsetAt = (instant: number): number => {
    const day = Math.floor(instant / DAY) * DAY;
    let offset = daily.get(day);
    if (offset === undefined) {
      const start = offsetAtHour(day);
      offset = start === offsetAtHour(day + DAY - 3_600_000) ? start : null;
      daily.set(day, offset);
    }
    return offset ?? offsetAtHour(Math.floor(instant / 3_600_000) * 3_600_000);
  };
  const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const openings = new Map<number, { open: number; close: number } | null>();
  /** Opening interval (UTC ms) of the local day that starts at wall time `day` (ms, UTC fields). */
  const openingOf = (day: number): { open: number; close: number } | null => {
    let opening = openings.get(day);
    if (opening !== undefined) return opening;
    const weekday = ((new Date(day).getUTCDay() + 6) % 7) + 1;
    const spec = byWeekday.get(weekday);
    const date = new Date(day).toISOString().slice(0, 10);
    opening = null;
    if (spec && !holidays.has(date)) {
      const wallOpen = day + minutesOf(spec.open) * MINUTE;
      const wallClose = day + minutesOf(spec.close) * MINUTE;
      // Opening hours never span a DST change at night, so one offset per boundary suffices.
      const open = wallOpen - offsetAt(wallOpen - offsetAt(wallOpen));
      const close = wallClose - offsetAt(wallClose - offsetAt(wallClose));
      opening = close > open ? { open, close } : null;
    }
    openings.set(day, opening);
    return opening;
  };
  const localDayOf = (instant: number) => {
    const wall = instant + offsetAt(instant);
    return wall - (((wall % DAY) + DAY) % DAY);
  };

  return {
    add(start, minutes) {
      let remaining = minutes * MINUTE;
      let cursor = start;
      for (let day = localDayOf(start), scanned = 0; scanned < 400; day += DAY, scanned++) {
        const opening = openingOf(day);
        if (!opening) continue;
        const from = Math.max(cursor, opening.open);
        if (from < opening.close) {
          if (remaining <= opening.close - from) return from + remaining;
          remaining -= opening.close - from;
        }
        cursor = Math.max(cursor, opening.close);
      }
      return start + minutes * MINUTE;
    },
    between(a, b) {
      let total = 0;
      for (let day = localDayOf(a); day <= localDayOf(b); day += DAY) {
        const opening = openingOf(day);
        if (!opening) continue;
        const from = Math.max(a, opening.open);
        const to = Math.min(b, opening.close);
        if (to > from) total += to - from;
      }
      return Math.trunc(total / MINUTE);
    },
  };
}
