import type { BusinessHours } from '@valueloop/contracts';
import { businessMinutesBetween } from './business-time.ts';

const DAY = 86_400_000;

/**
 * Business minutes from one `now` to many due times (a page of the inbox), sharing the sums of
 * whole UTC days between them: business time is additive over adjacent intervals, so each day
 * is counted once per page instead of once per case. Agrees with businessMinutesBetween to
 * within one minute (each part is truncated to whole minutes).
 */
export function businessClockFrom(now: Date, hours: BusinessHours) {
  const nowMs = now.getTime();
  const base = Math.floor(nowMs / DAY) * DAY;
  const between = (a: number, b: number) => businessMinutesBetween(new Date(a), new Date(b), hours);
  const days = new Map<number, number>();
  /** Business minutes of UTC day `k` (0 = today). */
  const day = (k: number) => {
    let minutes = days.get(k);
    if (minutes === undefined) {
      minutes = between(base + k * DAY, base + (k + 1) * DAY);
      days.set(k, minutes);
    }
    return minutes;
  };
  let restOfToday: number | undefined;
  let todaySoFar: number | undefined;
  return {
    /** Business minutes from now until `due`; negative when it is past. */
    minutesUntil(due: Date): number {
      const d = due.getTime();
      const k = Math.floor((d - base) / DAY);
      if (k === 0) return between(nowMs, d);
      if (k > 0) {
        restOfToday ??= between(nowMs, base + DAY);
        let total = restOfToday + between(base + k * DAY, d);
        for (let j = 1; j < k; j++) total += day(j);
        return total;
      }
      todaySoFar ??= between(base, nowMs);
      let total = between(d, base + (k + 1) * DAY) + todaySoFar;
      for (let j = k + 1; j < 0; j++) total += day(j);
      return -total;
    },
  };
}
