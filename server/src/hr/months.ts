/** Calendar months written `YYYY-MM`, as plain strings (UTC, no time zone involved). */

export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

export function addMonths(period: string, delta: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to`, both included (empty when from is after to). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let p = from; p <= to; p = addMonths(p, 1)) months.push(p);
  return months;
}

/** The month's first day, `YYYY-MM-01`. */
export const firstDay = (period: string) => `${period}-01`;
