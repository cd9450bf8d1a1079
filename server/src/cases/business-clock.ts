import type { BusinessHours } from '@valueloop/contracts';
import { addBusinessMinutes, businessMinutesBetween } from './business-time.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;

interface DayShape {
  /** Business milliseconds in this UTC day. */
  ms: number;
  /** When the day's business time is one interval: its start (ms); else null. */
  start: number | null;
}

/**
 * Business time between many pairs of instants (an inbox page, an SLA pass) for one
 * organization. Each UTC day is measured once with business-time.ts and memoized as its total
 * and, when its opening is a single interval (the usual case), that interval — so a case costs
 * two lookups instead of a walk over the calendar. Days with two intervals (a zone whose
 * opening crosses UTC midnight) fall back to businessMinutesBetween for the part-day, which
 * keeps results within one minute; otherwise they equal businessMinutesBetween exactly.
 */
export function businessClock(hours: BusinessHours): BusinessClock {
  const key = JSON.stringify(hours);
  let clock = clocks.get(key);
  if (!clock) {
    // Day shapes depend only on the hours, so clocks are shared by requests and jobs.
    if (clocks.size >= MAX_CLOCKS) clocks.clear();
    clock = createBusinessClock(hours);
    clocks.set(key, clock);
  }
  return clock;
}

export interface BusinessClock {
  /** Business minutes from `a` to `b` (toward zero); negative when b is before a. */
  minutesBetween(a: Date, b: Date): number;
}
const MAX_CLOCKS = 200;
const clocks = new Map<string, BusinessClock>();

function createBusinessClock(hours: BusinessHours): BusinessClock {
  const shapes = new Map<number, DayShape>();
  const between = (a: number, b: number) => businessMinutesBetween(new Date(a), new Date(b), hours);
  const shapeOf = (k: number): DayShape => {
    let shape = shapes.get(k);
    if (!shape) {
      const from = k * DAY;
      const minutes = between(from, from + DAY);
      shape = { ms: minutes * MINUTE, start: null };
      if (minutes > 0) {
        const start = addBusinessMinutes(new Date(from), 0, hours).getTime();
        const end = addBusinessMinutes(new Date(from), minutes, hours).getTime();
        if (end - start === shape.ms && end <= from + DAY) shape.start = start;
      }
      shapes.set(k, shape);
    }
    return shape;
  };
  /** Business ms from the start of `t`'s UTC day to `t`. */
  const intoDay = (t: number) => {
    const k = Math.floor(t / DAY);
    const shape = shapeOf(k);
    if (shape.ms === 0) return 0;
    if (shape.start !== null) return Math.min(Math.max(t - shape.start, 0), shape.ms);
    return between(k * DAY, t) * MINUTE;
  };
  // Business ms from the start of day `origin` to the start of day k, extended on demand.
  let origin: number | null = null;
  const prefix = new Map<number, number>();
  const dayStartOffset = (k: number): number => {
    if (origin === null) {
      origin = k;
      prefix.set(k, 0);
    }
    const known = prefix.get(k);
    if (known !== undefined) return known;
    let j = k > origin ? k - 1 : k + 1;
    while (!prefix.has(j)) j += k > origin ? -1 : 1;
    let value = prefix.get(j)!;
    if (k > origin) {
      for (; j < k; j++) {
        value += shapeOf(j).ms;
        prefix.set(j + 1, value);
      }
    } else {
      for (; j > k; j--) {
        value -= shapeOf(j - 1).ms;
        prefix.set(j - 1, value);
      }
    }
    return value;
  };
  const position = (t: number) => dayStartOffset(Math.floor(t / DAY)) + intoDay(t);
  return {
    minutesBetween(a: Date, b: Date): number {
      return Math.trunc((position(b.getTime()) - position(a.getTime())) / MINUTE);
    },
  };
}

/** Minutes from one `now` to many due times (an inbox page). */
export function businessClockFrom(now: Date, hours: BusinessHours) {
  const clock = businessClock(hours);
  return { minutesUntil: (due: Date) => clock.minutesBetween(now, due) };
}
