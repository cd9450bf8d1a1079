import type { CaseRuleCondition } from '@valueloop/contracts';

/** Everything a rule can test about one customer response, loaded once per response. */
export interface ResponseFacts {
  responseId: string;
  surveyId: string;
  /** Response-level scores (0–100; nps 0–10); null when not asked or not answered. */
  scores: {
    cvi: number | null;
    csat: number | null;
    effort: number | null;
    retention: number | null;
    nps: number | null;
  };
  npsCategory: 'promoter' | 'passive' | 'detractor' | null;
  promiseBroken: boolean | null;
  /** Item 0–100 scores by construct code (response_scores). */
  items: Record<string, number>;
  /** Raw answers by question id. */
  answers: Record<string, unknown>;
  comment: string | null;
  /** customers.attributes.segment, if the customer is known and has one. */
  segment: string | null;
}

export interface RuleToEvaluate {
  surveyId: string | null;
  conditions: CaseRuleCondition[];
}

/** Lower case, accents stripped, every non-letter/digit run one space: "Très  LENT!" → "tres lent". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function compare(actual: number, op: 'lt' | 'lte' | 'gt' | 'gte' | 'eq', value: number): boolean {
  switch (op) {
    case 'lt':
      return actual < value;
    case 'lte':
      return actual <= value;
    case 'gt':
      return actual > value;
    case 'gte':
      return actual >= value;
    case 'eq':
      return actual === value;
  }
}

function scoreOf(facts: ResponseFacts, field: string): number | null {
  if (Object.hasOwn(facts.scores, field)) {
    return facts.scores[field as keyof ResponseFacts['scores']];
  }
  return Object.hasOwn(facts.items, field) ? (facts.items[field] ?? null) : null;
}

/** Whole-word/phrase match on normalized text (padding with spaces makes the word edges). */
function mentionsAny(comment: string | null, keywords: readonly string[]): boolean {
  if (!comment) return false;
  const text = ` ${normalizeText(comment)} `;
  return keywords.some((keyword) => {
    const phrase = normalizeText(keyword);
    return phrase.length > 0 && text.includes(` ${phrase} `);
  });
}

function answerMatches(
  answer: unknown,
  accepted: ReadonlyArray<string | number | boolean>,
): boolean {
  const values = Array.isArray(answer) ? answer : [answer];
  return values.some((value) => accepted.some((a) => a === value));
}

/** Does one condition hold? A missing score never matches (an unanswered item is not "low"). */
export function conditionHolds(condition: CaseRuleCondition, facts: ResponseFacts): boolean {
  switch (condition.kind) {
    case 'score': {
      const actual = scoreOf(facts, condition.field);
      return actual !== null && compare(actual, condition.op, condition.value);
    }
    case 'nps_category':
      return facts.npsCategory !== null && condition.in.includes(facts.npsCategory);
    case 'promise_broken':
      return facts.promiseBroken === true;
    case 'answer':
      return answerMatches(facts.answers[condition.questionId], condition.in);
    case 'comment_keywords':
      return mentionsAny(facts.comment, condition.any);
    case 'customer_segment':
      return facts.segment !== null && condition.in.includes(facts.segment);
  }
}

/** A rule matches when its survey (if any) is the response's and every condition holds. */
export function evaluateRule(rule: RuleToEvaluate, facts: ResponseFacts): boolean {
  if (rule.surveyId !== null && rule.surveyId !== facts.surveyId) return false;
  return rule.conditions.every((condition) => conditionHolds(condition, facts));
}
