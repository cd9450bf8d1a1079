import { type TenureFilter, tenureFilters } from '@valueloop/contracts';

/** Filters of the results pages as the URL carries them (shareable, back button works). */
export interface PulseSearch {
  unitId?: string;
  surveyId?: string;
  period?: string;
  scope?: 'unit' | 'subtree';
  tenure?: TenureFilter;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const period = /^\d{4}-(0[1-9]|1[0-2])$/;

const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
  allowed.find((a) => a === value);
const matching = (value: unknown, pattern: RegExp): string | undefined =>
  typeof value === 'string' && pattern.test(value) ? value : undefined;

/** Keeps only well-formed values: a hand-edited URL never turns into a 422 on the page. */
export function parsePulseSearch(search: Record<string, unknown>): PulseSearch {
  const out: PulseSearch = {
    unitId: matching(search.unitId, uuid),
    surveyId: matching(search.surveyId, uuid),
    period: matching(search.period, period),
    scope: pick(search.scope, ['unit', 'subtree'] as const),
    tenure: pick(search.tenure, tenureFilters),
  };
  for (const key of Object.keys(out) as Array<keyof PulseSearch>) {
    if (out[key] === undefined) delete out[key];
  }
  return out;
}
