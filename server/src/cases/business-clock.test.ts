import { describe, expect, it } from 'vitest';
import { businessClockFrom } from './business-clock.ts';
import { businessMinutesBetween, defaultBusinessHours } from './business-time.ts';

const zones = [
  defaultBusinessHours,
  { ...defaultBusinessHours, timezone: 'America/New_York', holidays: ['2026-11-26'] },
  { ...defaultBusinessHours, timezone: 'Australia/Sydney' },
];

describe('business clock for a page of cases', () => {
  it('agrees with businessMinutesBetween before and after now, across weekends, holidays and DST', () => {
    const now = new Date('2026-11-02T15:37:20Z'); // the day after the US autumn DST change
    for (const hours of zones) {
      const clock = businessClockFrom(now, hours);
      for (let i = -40; i <= 40; i++) {
        const due = new Date(now.getTime() + i * 13 * 3_600_000 + i * 61_000);
        const direct = businessMinutesBetween(now, due, hours);
        expect(
          Math.abs(clock.minutesUntil(due) - direct),
          `${hours.timezone} ${due.toISOString()}`,
        ).toBeLessThanOrEqual(1);
      }
    }
  });
});
