import type { CaseRuleCondition, SurveyDefinition } from '@valueloop/contracts';
import { scoreResponse } from '../responses/scoring.ts';
import type { DemoCustomer, DemoInteraction, DemoResponse } from './records.ts';

/** What a rule sees of a stored response: its scores (as `scoreResponse` stores them) and context. */
export interface ScoredDemoResponse {
  response: DemoResponse;
  interaction: DemoInteraction;
  cvi: number | null;
  nps: number | null;
  npsCategory: 'promoter' | 'passive' | 'detractor' | null;
  csat: number | null;
  effort: number | null;
  retention: number | null;
  promiseBroken: boolean | null;
  items: Record<string, number>;
  comment: string | null;
  segment: string;
}

/** Scores a generated response exactly as ingestion stores it. */
export function scoreDemoResponse(
  definition: SurveyDefinition,
  response: DemoResponse,
  interaction: DemoInteraction,
  customer: DemoCustomer,
): ScoredDemoResponse {
  const scores = scoreResponse(definition, response.answers, {
    promisedAt: new Date(interaction.promisedAt),
    completedAt: interaction.completedAt === null ? null : new Date(interaction.completedAt),
  });
  const commentQuestion = definition.questions.find((q) => q.construct === 'comment');
  const comment = commentQuestion ? response.answers[commentQuestion.id] : undefined;
  return {
    response,
    interaction,
    ...scores,
    comment: typeof comment === 'string' ? comment : null,
    segment: customer.segment,
  };
}

/** Lower case without accents, so that "Queja" matches "queja" and "transfería" "transferia". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const compare = (a: number, op: 'lt' | 'lte' | 'gt' | 'gte' | 'eq', b: number) =>
  op === 'lt'
    ? a < b
    : op === 'lte'
      ? a <= b
      : op === 'gt'
        ? a > b
        : op === 'gte'
          ? a >= b
          : a === b;

/**
 * Whether every condition holds (AND), with the meaning the rule editor documents; a missing
 * score never matches. Only the condition kinds the demo's rules use need the answers.
 */
export function matchesConditions(r: ScoredDemoResponse, conditions: CaseRuleCondition[]): boolean {
  return conditions.every((c) => matchesCondition(r, c));
}

function matchesCondition(r: ScoredDemoResponse, c: CaseRuleCondition): boolean {
  switch (c.kind) {
    case 'score': {
      const fields: Record<string, number | null> = {
        cvi: r.cvi,
        nps: r.nps,
        csat: r.csat,
        effort: r.effort,
        retention: r.retention,
      };
      const value = c.field in fields ? fields[c.field] : r.items[c.field];
      return value !== null && value !== undefined && compare(value, c.op, c.value);
    }
    case 'nps_category':
      return r.npsCategory !== null && c.in.includes(r.npsCategory);
    case 'promise_broken':
      return r.promiseBroken === true;
    case 'comment_keywords': {
      if (r.comment === null) return false;
      const text = foldText(r.comment);
      return c.any.some((word) => text.includes(foldText(word)));
    }
    case 'customer_segment':
      return c.in.includes(r.segment);
    case 'answer': {
      const v = r.response.answers[c.questionId];
      return (
        (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') &&
        c.in.includes(v)
      );
    }
  }
}
