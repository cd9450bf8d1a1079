import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween } from '../cases/business-time.ts';
import { createBusinessClock } from './business-clock.ts';
import { demoLoopSettings } from './loop-model.ts';

const hours = demoLoopSettings().businessHours;
const clock = createBusinessClock(hours);

describe('the demo business clock', () => {
  it('counts only opening hours in the bank time zone (Saturday mornings, not Sundays)', () => {
    // Friday 16:00 PDT + 2 business hours = Saturday 10:00 PDT.
    expect(new Date(clock.add(Date.parse('2025-06-13T23:00:00Z'), 120)).toISOString()).toBe(
      '2025-06-14T17:00:00.000Z',
    );
    // Saturday 12:30 PDT + 1 business hour = Monday 09:30 PDT.
    expect(new Date(clock.add(Date.parse('2025-06-14T19:30:00Z'), 60)).toISOString()).toBe(
      '2025-06-16T16:30:00.000Z',
    );
  });

  it('agrees with the SLA clock of the case service, across DST changes', () => {
    let mismatches = 0;
    for (let i = 0; i < 2000; i++) {
      const start = Date.UTC(2024, 0, 1) + i * 7_777_777;
      const minutes = (i * 37) % 3000;
      const end = start + i * 1_000_000;
      if (
        clock.add(start, minutes) !==
          addBusinessMinutes(new Date(start), minutes, hours).getTime() ||
        clock.between(start, end) !== businessMinutesBetween(new Date(start), new Date(end), hours)
      )
        mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});
