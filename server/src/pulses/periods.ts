import type { TenureBandCode } from '@valueloop/contracts';
import { validationFailed } from '../http/errors.ts';

export type Cadence = 'monthly' | 'quarterly';

/** The calendar day (UTC) of an instant, `YYYY-MM-DD`. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** The period containing `at` (UTC): its month, or for quarterly programs the quarter's first month. */
export function periodAt(cadence: Cadence, at: Date): string {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth(); // 0-based
  const first = cadence === 'quarterly' ? month - (month % 3) : month;
  return `${year}-${String(first + 1).padStart(2, '0')}`;
}

/**
 * Checks a requested wave period: quarterly periods are written as the quarter's first month,
 * and no period may lie after the current one (a wave is for now or catching up, not advance).
 */
export function checkWavePeriod(cadence: Cadence, period: string, now: Date): void {
  const month = Number(period.slice(5, 7));
  if (cadence === 'quarterly' && (month - 1) % 3 !== 0) {
    throw validationFailed([
      {
        field: 'body.period',
        message: 'a quarterly program takes the first month of a quarter (01, 04, 07 or 10)',
      },
    ]);
  }
  if (period > periodAt(cadence, now)) {
    throw validationFailed([
      { field: 'body.period', message: 'must not be after the current period' },
    ]);
  }
}

/** `day` (YYYY-MM-DD) plus whole calendar months, clamped to the month's last day. */
function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(year, month, Math.min(d, lastDay)));
  return utcDay(date);
}

/**
 * Tenure band on the day a wave opens, from the hire date: < 3 months, 3–12 months, 1–3 years,
 * 3+ years. An unknown hire date counts as '3y+': missing hire dates come from records older
 * than the HR system, and keeping them out of the newcomer bands (< 3m, 3–12m) keeps the
 * newcomer attitude measure about people we know are new.
 */
export function tenureBandAt(hireDate: string | null, openingDay: string): TenureBandCode {
  if (hireDate === null) return '3y+';
  if (addMonths(hireDate, 3) > openingDay) return '<3m';
  if (addMonths(hireDate, 12) > openingDay) return '3-12m';
  if (addMonths(hireDate, 36) > openingDay) return '1-3y';
  return '3y+';
}
