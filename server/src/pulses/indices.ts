import type { SurveyDefinition } from '@valueloop/contracts';
import type { Answers } from '../responses/answers.ts';
import { itemScore } from '../responses/scoring.ts';

/**
 * Employee indices, each on 0–100 (eNPS on −100…100), from the 0–100 item scores of coded
 * items. An index is the mean of the items of its construct prefix that were answered; null
 * when none was. eNPS per response is +100 (9–10), 0 (7–8) or −100 (0–6), so the mean over a
 * group is the group's eNPS (% promoters − % detractors).
 *
 *   evi                   ev.solve, ev.grow, ev.recognition, ev.fair, ev.peers, ev.pay
 *   climate               climate.*            leadership   lead.*
 *   expertise_operational expertise.operational
 *   expertise_service     expertise.service    attitude     attitude
 *   identity              identity.*           stay         stay
 *   praise_matters        praise_matters       enps         enps (0–10 item)
 *   isq                   isq (internal service quality of the rated unit)
 *   upward_support, upward_strategy, upward (their mean): manager upward items
 */
const indexMembers: Record<string, (construct: string) => boolean> = {
  evi: (c) => c.startsWith('ev.'),
  climate: (c) => c.startsWith('climate.'),
  leadership: (c) => c.startsWith('lead.'),
  expertise_operational: (c) => c === 'expertise.operational',
  expertise_service: (c) => c === 'expertise.service',
  attitude: (c) => c === 'attitude',
  identity: (c) => c === 'identity' || c.startsWith('identity.'),
  stay: (c) => c === 'stay',
  praise_matters: (c) => c === 'praise_matters',
  isq: (c) => c === 'isq',
  upward_support: (c) => c === 'upward.support',
  upward_strategy: (c) => c === 'upward.strategy',
  upward: (c) => c.startsWith('upward.'),
};

const round2 = (x: number) => Math.round(x * 100) / 100;

/** 0–100 item scores by construct code (eNPS kept apart: it is not an agreement scale). */
export function employeeItemScores(definition: SurveyDefinition, answers: Answers) {
  const items: Record<string, number> = {};
  let enpsRaw: number | null = null;
  for (const question of definition.questions) {
    if (!question.construct || question.construct === 'comment') continue;
    const value = answers[question.id];
    if (question.construct === 'enps') {
      if (typeof value === 'number') enpsRaw = value;
      continue;
    }
    const score = itemScore(question, value);
    if (score !== null) items[question.construct] = score;
  }
  return { items, enpsRaw };
}

/** eNPS contribution of one answer: +100 promoter, 0 passive, −100 detractor. */
export function enpsScore(raw: number): number {
  if (raw >= 9) return 100;
  if (raw >= 7) return 0;
  return -100;
}

/**
 * Everything stored in `employee_responses.scores`: item scores by construct and the indices.
 * Only keys with a value are present (a skipped item is absent, not 0).
 */
export function scoreEmployeeResponse(
  definition: SurveyDefinition,
  answers: Answers,
): Record<string, number> {
  const { items, enpsRaw } = employeeItemScores(definition, answers);
  const scores: Record<string, number> = { ...items };
  for (const [index, isMember] of Object.entries(indexMembers)) {
    const values = Object.entries(items).flatMap(([c, v]) => (isMember(c) ? [v] : []));
    if (values.length > 0)
      scores[index] = round2(values.reduce((a, b) => a + b, 0) / values.length);
  }
  if (enpsRaw !== null) scores.enps = enpsScore(enpsRaw);
  return scores;
}

/** The comment of an employee response (the item coded `comment`), trimmed; null if none. */
export function employeeComment(definition: SurveyDefinition, answers: Answers): string | null {
  const question = definition.questions.find((q) => q.construct === 'comment');
  const value = question ? answers[question.id] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
