import type { TenureFilter } from '@valueloop/contracts';

/** Reader-facing names of the employee indices (server/src/pulses/indices.ts has the formulas). */
const indexLabels: Record<string, string> = {
  evi: 'Employee value (EVI)',
  climate: 'Service climate',
  leadership: 'Service leadership',
  expertise_operational: 'Expertise: operational',
  expertise_service: 'Expertise: service',
  attitude: 'Service attitude',
  identity: 'Identity and pride',
  stay: 'Intent to stay',
  enps: 'eNPS',
  praise_matters: 'Praise matters',
  isq: 'Internal service quality',
  upward_support: 'Support from top management',
  upward_strategy: 'Clarity of service strategy',
  upward: 'Value for middle managers',
};

/** Short column headers for tables that show many indices side by side. */
const shortLabels: Record<string, string> = {
  evi: 'EVI',
  climate: 'Climate',
  leadership: 'Leadership',
  expertise_operational: 'Exp. oper.',
  expertise_service: 'Exp. service',
  attitude: 'Attitude',
  identity: 'Identity',
  stay: 'Stay',
  enps: 'eNPS',
  praise_matters: 'Praise',
  isq: 'ISQ',
  upward_support: 'Support',
  upward_strategy: 'Strategy',
  upward: 'Upward',
};

export const indexLabel = (code: string): string => indexLabels[code] ?? code;
export const indexShortLabel = (code: string): string => shortLabels[code] ?? indexLabel(code);

export const tenureLabels: Record<TenureFilter, string> = {
  all: 'Everyone',
  newcomers: 'Newcomers (under 12 months)',
  '<3m': 'Under 3 months',
  '3-12m': '3 to 12 months',
  '1-3y': '1 to 3 years',
  '3y+': '3 years or more',
};

/** What every suppressed cell says: never a number, never a count. */
export const SUPPRESSED_TEXT = 'Not enough responses';

/** eNPS runs −100…100 and reads with a sign; every other index is 0–100. */
export const isSignedIndex = (code: string): boolean => code === 'enps';

export function formatIndexValue(code: string, value: number): string {
  // Halves round away from zero, so −12.5 and 12.5 read as −13 and +13 alike.
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  if (isSignedIndex(code) && rounded > 0) return `+${rounded}`;
  // A typographic minus reads better than a hyphen and screen readers say "minus".
  return rounded < 0 ? `−${Math.abs(rounded)}` : String(rounded);
}

const monthNames = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** `2026-03` → `Mar 2026`; anything else is shown as given. */
export function periodLabel(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  const month = match ? monthNames[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${match[1]}` : period;
}

export const percent = (rate: number): string => `${Math.round(rate * 100)}%`;
