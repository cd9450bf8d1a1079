import type { BusinessHours } from '@valueloop/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  defaultBusinessHours,
  validateBusinessHours,
} from './business-time.ts';

const at = (iso: string) => new Date(iso);
const weekdays = (open: string, close: string, timezone: string): BusinessHours => ({
  timezone,
  days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open, close })),
  holidays: [],
});
const everyDay = (open: string, close: string, timezone: string): BusinessHours => ({
  timezone,
  days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open, close })),
  holidays: [],
});
const newYork = weekdays('09:00', '17:00', 'America/New_York');

function fieldsOf(run: () => void): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.status === 422) {
      return (error.errors ?? []).map((e) => e.field ?? '');
    }
    throw error;
  }
  return [];
}

describe('addBusinessMinutes', () => {
  it('adds within the same opening day', () => {
    // Tuesday 2026-11-17 10:00 UTC + 3 h
    expect(addBusinessMinutes(at('2026-11-17T10:00:00Z'), 180, defaultBusinessHours)).toEqual(
      at('2026-11-17T13:00:00Z'),
    );
  });

  it('carries the rest to the next opening day', () => {
    expect(addBusinessMinutes(at('2026-11-17T16:00:00Z'), 120, defaultBusinessHours)).toEqual(
      at('2026-11-18T10:00:00Z'),
    );
  });

  it('starts the clock at opening when the start is outside hours', () => {
    expect(addBusinessMinutes(at('2026-11-17T05:00:00Z'), 30, defaultBusinessHours)).toEqual(
      at('2026-11-17T09:30:00Z'),
    );
    expect(addBusinessMinutes(at('2026-11-17T20:00:00Z'), 30, defaultBusinessHours)).toEqual(
      at('2026-11-18T09:30:00Z'),
    );
  });

  it('skips the weekend', () => {
    // Friday 2026-11-20 16:00 UTC + 2 h → Monday 10:00
    expect(addBusinessMinutes(at('2026-11-20T16:00:00Z'), 120, defaultBusinessHours)).toEqual(
      at('2026-11-23T10:00:00Z'),
    );
    // Saturday start → Monday opening
    expect(addBusinessMinutes(at('2026-11-21T12:00:00Z'), 60, defaultBusinessHours)).toEqual(
      at('2026-11-23T10:00:00Z'),
    );
  });

  it('skips holidays in the local calendar', () => {
    const hours = { ...defaultBusinessHours, holidays: ['2026-11-23', '2026-11-24'] };
    expect(addBusinessMinutes(at('2026-11-20T16:00:00Z'), 120, hours)).toEqual(
      at('2026-11-25T10:00:00Z'),
    );
  });

  it('spans several days for a long SLA (24 business hours = 3 working days)', () => {
    expect(addBusinessMinutes(at('2026-11-16T09:00:00Z'), 24 * 60, defaultBusinessHours)).toEqual(
      at('2026-11-18T17:00:00Z'),
    );
  });

  it('counts wall-clock hours in the time zone across the spring DST change', () => {
    // Friday 2026-03-06 16:00 EST (21:00Z) + 2 h → Monday 2026-03-09 10:00 EDT (14:00Z)
    expect(addBusinessMinutes(at('2026-03-06T21:00:00Z'), 120, newYork)).toEqual(
      at('2026-03-09T14:00:00Z'),
    );
  });

  it('counts wall-clock hours in the time zone across the autumn DST change', () => {
    // Friday 2026-10-30 16:00 EDT (20:00Z) + 2 h → Monday 2026-11-02 10:00 EST (15:00Z)
    expect(addBusinessMinutes(at('2026-10-30T20:00:00Z'), 120, newYork)).toEqual(
      at('2026-11-02T15:00:00Z'),
    );
  });

  it('uses the local date of the zone, not the UTC date', () => {
    // 2026-11-18 03:00Z is Tuesday 22:00 in New York: closed, so Wednesday 09:00 EST + 1 h
    expect(addBusinessMinutes(at('2026-11-18T03:00:00Z'), 60, newYork)).toEqual(
      at('2026-11-18T15:00:00Z'),
    );
  });

  it('falls back to calendar time when no day is open', () => {
    const closed: BusinessHours = { timezone: 'UTC', days: [], holidays: [] };
    expect(addBusinessMinutes(at('2026-11-17T10:00:00Z'), 60, closed)).toEqual(
      at('2026-11-17T11:00:00Z'),
    );
  });

  it('refuses negative minutes', () => {
    expect(() => addBusinessMinutes(at('2026-11-17T10:00:00Z'), -1, defaultBusinessHours)).toThrow(
      RangeError,
    );
  });
});

describe('businessMinutesBetween', () => {
  it('counts only opening hours', () => {
    expect(
      businessMinutesBetween(at('2026-11-17T16:00:00Z'), at('2026-11-18T10:00:00Z'), {
        ...defaultBusinessHours,
      }),
    ).toBe(120);
  });

  it('is negative when the second instant is earlier', () => {
    expect(
      businessMinutesBetween(
        at('2026-11-18T10:00:00Z'),
        at('2026-11-17T16:00:00Z'),
        defaultBusinessHours,
      ),
    ).toBe(-120);
  });

  it('counts nothing over a weekend and holidays', () => {
    expect(
      businessMinutesBetween(
        at('2026-11-20T17:00:00Z'),
        at('2026-11-23T09:00:00Z'),
        defaultBusinessHours,
      ),
    ).toBe(0);
    const hours = { ...defaultBusinessHours, holidays: ['2026-11-18'] };
    expect(
      businessMinutesBetween(at('2026-11-17T09:00:00Z'), at('2026-11-19T09:00:00Z'), hours),
    ).toBe(8 * 60);
  });

  it('inverts addBusinessMinutes', () => {
    const start = at('2026-03-05T18:37:00Z');
    for (const minutes of [1, 59, 480, 481, 2400, 9999]) {
      const due = addBusinessMinutes(start, minutes, newYork);
      expect(businessMinutesBetween(start, due, newYork)).toBe(minutes);
    }
  });

  it('counts the real elapsed time on the day clocks spring forward', () => {
    // Sunday 2026-03-08 01:00–05:00 local lasts 3 real hours (02:00–03:00 does not exist).
    const hours = everyDay('01:00', '05:00', 'America/New_York');
    expect(
      businessMinutesBetween(at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'), hours),
    ).toBe(180);
  });

  it('moves an opening time that falls in the spring-forward gap forward by the gap', () => {
    // 02:30 does not exist on 2026-03-08 in New York: the day opens at 03:30 EDT, closes 04:00.
    const hours = everyDay('02:30', '04:00', 'America/New_York');
    expect(
      businessMinutesBetween(at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'), hours),
    ).toBe(30);
  });

  it('counts the real elapsed time on the day clocks fall back', () => {
    // Sunday 2026-11-01 00:00–04:00 local lasts 5 real hours (01:00–02:00 happens twice).
    const hours = everyDay('00:00', '04:00', 'America/New_York');
    expect(
      businessMinutesBetween(at('2026-11-01T00:00:00Z'), at('2026-11-02T00:00:00Z'), hours),
    ).toBe(300);
  });

  it('is zero for the same instant', () => {
    const now = at('2026-11-17T10:00:00Z');
    expect(businessMinutesBetween(now, now, defaultBusinessHours)).toBe(0);
  });
});

describe('validateBusinessHours', () => {
  it('accepts the default hours', () => {
    expect(fieldsOf(() => validateBusinessHours(defaultBusinessHours))).toEqual([]);
  });

  it('rejects a close time not after the open time, naming the field', () => {
    const hours = weekdays('09:00', '17:00', 'UTC');
    hours.days[2] = { weekday: 3, open: '22:00', close: '06:00' };
    hours.days[3] = { weekday: 4, open: '09:00', close: '09:00' };
    expect(fieldsOf(() => validateBusinessHours(hours))).toEqual([
      'body.days.2.close',
      'body.days.3.close',
    ]);
  });

  it('rejects an unknown time zone and a repeated weekday', () => {
    const hours: BusinessHours = {
      timezone: 'Mars/Olympus_Mons',
      days: [
        { weekday: 1, open: '09:00', close: '17:00' },
        { weekday: 1, open: '10:00', close: '12:00' },
      ],
      holidays: [],
    };
    expect(fieldsOf(() => validateBusinessHours(hours))).toEqual([
      'body.timezone',
      'body.days.1.weekday',
    ]);
  });

  it('rejects hours with no open day', () => {
    expect(
      fieldsOf(() => validateBusinessHours({ timezone: 'UTC', days: [], holidays: [] })),
    ).toEqual(['body.days']);
  });
});
