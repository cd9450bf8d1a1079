import type { BusinessHours, RootCause } from '@valueloop/contracts';

/** Root causes as a two-level tree: top-level causes by name, each with its children by name. */
export interface CauseNode {
  cause: RootCause;
  children: RootCause[];
}

const byName = (a: RootCause, b: RootCause) => a.name.localeCompare(b.name);

export function causeTree(causes: readonly RootCause[]): CauseNode[] {
  const ids = new Set(causes.map((c) => c.id));
  // A child whose parent is missing is shown at the top level rather than lost.
  const tops = causes.filter((c) => c.parentId === null || !ids.has(c.parentId)).sort(byName);
  return tops.map((cause) => ({
    cause,
    children: causes.filter((c) => c.parentId === cause.id).sort(byName),
  }));
}

/** An amount as the server stores it ("12.5") shown with two decimals ("12.50"). */
export function formatMoney(amount: string): string {
  const [whole = '0', fraction = ''] = amount.split('.');
  return `${whole}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

export const weekdayNames = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/** One row per ISO weekday (1 = Monday); a closed day keeps its last times for re-opening. */
export interface DayForm {
  weekday: number;
  open: boolean;
  from: string;
  to: string;
}

export interface HoursForm {
  timezone: string;
  days: DayForm[];
  holidays: string[];
}

export function hoursToForm(hours: BusinessHours): HoursForm {
  return {
    timezone: hours.timezone,
    days: weekdayNames.map((_, i) => {
      const day = hours.days.find((d) => d.weekday === i + 1);
      return day
        ? { weekday: i + 1, open: true, from: day.open, to: day.close }
        : { weekday: i + 1, open: false, from: '09:00', to: '17:00' };
    }),
    holidays: [...hours.holidays].sort(),
  };
}

/**
 * The request body, and for each open day its index in `days` (the server names errors by that
 * index, e.g. `days.0.close`).
 */
export function formToHours(form: HoursForm): {
  body: BusinessHours;
  indexOf: Map<number, number>;
} {
  const indexOf = new Map<number, number>();
  const days: BusinessHours['days'] = [];
  for (const d of form.days) {
    if (!d.open) continue;
    indexOf.set(d.weekday, days.length);
    days.push({ weekday: d.weekday, open: d.from, close: d.to });
  }
  return {
    body: { timezone: form.timezone.trim(), days, holidays: form.holidays },
    indexOf,
  };
}
