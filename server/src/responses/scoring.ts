import type { Question, SurveyDefinition } from '@valueloop/contracts';
import type { Answers } from './answers.ts';

/**
 * Item scores are normalized to 0–100 where higher is better for the customer, except
 * `effort` which is reported as effort (higher = more effort, as the standard CES reads).
 *
 * Customer Value Index (CVI), 0–100:
 *   benefits = mean of available [cv.result, cv.ease, cv.solved]
 *   costs    = mean of available [100 − price fairness, effort, broken promise ? 100 : 0]
 *   CVI      = 50 + (benefits − costs) / 2
 * so full benefits at no cost give 100, no benefits at full cost give 0. It needs at least one
 * benefit and one cost item; otherwise it is null. A broken promise is taken from the answer
 * to cv.promise ("It took longer than I was promised") or, when absent, from the interaction's
 * promised vs actual completion time.
 */
export interface ResponseScores {
  items: Record<string, number>;
  cvi: number | null;
  nps: number | null;
  npsCategory: 'promoter' | 'passive' | 'detractor' | null;
  csat: number | null;
  effort: number | null;
  retention: number | null;
  promiseBroken: boolean | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Normalizes one coded answer to 0–100; null for answers that are not scores. */
export function itemScore(question: Question, value: unknown): number | null {
  let score: number | null = null;
  if (typeof value === 'number') {
    if (question.type === 'agreement5' || question.type === 'csat5')
      score = ((value - 1) / 4) * 100;
    else if (question.type === 'effort7') score = ((value - 1) / 6) * 100;
    else if (question.type === 'nps') score = value * 10;
  } else if (typeof value === 'boolean' && question.type === 'yes_no') {
    score = value ? 100 : 0;
  }
  if (score === null) return null;
  return round2(question.reverse ? 100 - score : score);
}

export function npsCategoryOf(nps: number): 'promoter' | 'passive' | 'detractor' {
  if (nps >= 9) return 'promoter';
  if (nps >= 7) return 'passive';
  return 'detractor';
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function scoreResponse(
  definition: SurveyDefinition,
  answers: Answers,
  interaction?: { promisedAt: Date | null; completedAt: Date | null } | null,
): ResponseScores {
  const items: Record<string, number> = {};
  let npsRaw: number | null = null;
  for (const q of definition.questions) {
    if (!q.construct) continue;
    const value = answers[q.id];
    if (q.construct === 'nps' && typeof value === 'number') npsRaw = value;
    const s = itemScore(q, value);
    if (s !== null) items[q.construct] = s;
  }
  // cv.promise asks whether it took longer than promised: "yes" (100) means broken.
  let promiseBroken: boolean | null =
    items['cv.promise'] === undefined ? null : items['cv.promise'] >= 50;
  if (promiseBroken === null && interaction?.promisedAt && interaction.completedAt) {
    promiseBroken = interaction.completedAt > interaction.promisedAt;
  }
  const benefits = mean(
    ['cv.result', 'cv.ease', 'cv.solved'].flatMap((c) => (c in items ? [items[c]!] : [])),
  );
  const costParts: number[] = [];
  if ('cv.price' in items) costParts.push(100 - items['cv.price']!);
  if ('cv.effort' in items) costParts.push(items['cv.effort']!);
  if (promiseBroken !== null) costParts.push(promiseBroken ? 100 : 0);
  const costs = mean(costParts);
  return {
    items,
    cvi: benefits !== null && costs !== null ? round2(50 + (benefits - costs) / 2) : null,
    nps: npsRaw,
    npsCategory: npsRaw === null ? null : npsCategoryOf(npsRaw),
    csat: items.sat ?? null,
    effort: items['cv.effort'] ?? null,
    retention: items.ret ?? null,
    promiseBroken,
  };
}
