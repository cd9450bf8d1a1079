import type { ActionPlanLink, PlanMeasure } from '@valueloop/contracts';
import { measureKey } from './plan-measures.ts';

/**
 * Whether a linked score moved between the baseline and the follow-up. Changes inside a dead
 * band count as "unchanged", so noise does not read as progress:
 *   0–100 scores (CVI, pulse items)  2 points
 *   NPS (−100…100)                   5 points
 *   occurrences per 30 days          1, or 10 % of the baseline when that is larger
 * Scores are better when higher; root-cause cases and theme mentions when lower.
 */
export const deadBand = {
  score: () => 2,
  nps: () => 5,
  per_30_days: (baseline: number) => Math.max(1, Math.abs(baseline) * 0.1),
} as const;

const round1 = (x: number) => Math.round(x * 10) / 10;

export function compareMeasure(opts: {
  unit: PlanMeasure['unit'];
  higherIsBetter: boolean;
  baseline: number | null;
  followUp: number | null;
}): Pick<PlanMeasure, 'delta' | 'direction'> {
  if (opts.baseline === null || opts.followUp === null) return { delta: null, direction: null };
  const delta = round1(opts.followUp - opts.baseline);
  if (Math.abs(delta) < deadBand[opts.unit](opts.baseline))
    return { delta, direction: 'unchanged' };
  const improved = opts.higherIsBetter ? delta > 0 : delta < 0;
  return { delta, direction: improved ? 'better' : 'worse' };
}

/** The plan's measures in display order: CVI, NPS, then one per link. */
export function planMeasures(opts: {
  links: readonly (ActionPlanLink & { label: string })[];
  baseline: Record<string, number | null>;
  followUp: Record<string, number | null> | null;
}): PlanMeasure[] {
  const specs: Omit<PlanMeasure, 'baseline' | 'followUp' | 'delta' | 'direction'>[] = [
    { key: 'cvi', kind: 'cvi', label: 'Customer Value Index', unit: 'score', higherIsBetter: true },
    { key: 'nps', kind: 'nps', label: 'Net Promoter Score', unit: 'nps', higherIsBetter: true },
    ...opts.links.map((link) => ({
      key: measureKey(link),
      kind: link.kind,
      label: link.label,
      unit: link.kind === 'pulse_item' ? ('score' as const) : ('per_30_days' as const),
      higherIsBetter: link.kind === 'pulse_item',
    })),
  ];
  return specs.map((spec) => {
    const baseline = opts.baseline[spec.key] ?? null;
    const followUp = opts.followUp ? (opts.followUp[spec.key] ?? null) : null;
    return { ...spec, baseline, followUp, ...compareMeasure({ ...spec, baseline, followUp }) };
  });
}
