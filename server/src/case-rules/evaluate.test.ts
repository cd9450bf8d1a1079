import type { CaseRuleCondition } from '@valueloop/contracts';
import { describe, expect, it } from 'vitest';
import { conditionHolds, evaluateRule, normalizeText, type ResponseFacts } from './evaluate.ts';

const facts = (overrides: Partial<ResponseFacts> = {}): ResponseFacts => ({
  responseId: '00000000-0000-4000-8000-000000000001',
  surveyId: '00000000-0000-4000-8000-0000000000aa',
  scores: { cvi: 42.5, csat: 25, effort: 75, retention: null, nps: 3 },
  npsCategory: 'detractor',
  promiseBroken: true,
  items: { 'cv.result': 25, sat: 25 },
  answers: { result: 2, late: true, channel: 'phone', topics: ['billing', 'wait'] },
  comment: 'Très LENT — the staff were rude, never again.',
  segment: 'gold',
  ...overrides,
});
const holds = (condition: CaseRuleCondition, f = facts()) => conditionHolds(condition, f);

describe('score conditions', () => {
  it('compares response scores with every operator', () => {
    expect(holds({ kind: 'score', field: 'cvi', op: 'lt', value: 50 })).toBe(true);
    expect(holds({ kind: 'score', field: 'cvi', op: 'lt', value: 42.5 })).toBe(false);
    expect(holds({ kind: 'score', field: 'cvi', op: 'lte', value: 42.5 })).toBe(true);
    expect(holds({ kind: 'score', field: 'effort', op: 'gt', value: 70 })).toBe(true);
    expect(holds({ kind: 'score', field: 'effort', op: 'gte', value: 75 })).toBe(true);
    expect(holds({ kind: 'score', field: 'effort', op: 'gt', value: 75 })).toBe(false);
    expect(holds({ kind: 'score', field: 'nps', op: 'eq', value: 3 })).toBe(true);
    expect(holds({ kind: 'score', field: 'csat', op: 'eq', value: 26 })).toBe(false);
  });

  it('compares item scores by construct code', () => {
    expect(holds({ kind: 'score', field: 'cv.result', op: 'lte', value: 25 })).toBe(true);
    expect(holds({ kind: 'score', field: 'sat', op: 'gt', value: 50 })).toBe(false);
  });

  it('never matches a missing score', () => {
    expect(holds({ kind: 'score', field: 'retention', op: 'lt', value: 100 })).toBe(false);
    expect(holds({ kind: 'score', field: 'cv.price', op: 'lt', value: 100 })).toBe(false);
  });
});

describe('other condition kinds', () => {
  it('tests the NPS category', () => {
    expect(holds({ kind: 'nps_category', in: ['detractor'] })).toBe(true);
    expect(holds({ kind: 'nps_category', in: ['promoter', 'passive'] })).toBe(false);
    expect(holds({ kind: 'nps_category', in: ['detractor'] }, facts({ npsCategory: null }))).toBe(
      false,
    );
  });

  it('tests a broken promise', () => {
    expect(holds({ kind: 'promise_broken' })).toBe(true);
    expect(holds({ kind: 'promise_broken' }, facts({ promiseBroken: false }))).toBe(false);
    expect(holds({ kind: 'promise_broken' }, facts({ promiseBroken: null }))).toBe(false);
  });

  it('tests chosen answers, single and multiple choice, by strict value', () => {
    expect(holds({ kind: 'answer', questionId: 'channel', in: ['phone', 'email'] })).toBe(true);
    expect(holds({ kind: 'answer', questionId: 'topics', in: ['wait'] })).toBe(true);
    expect(holds({ kind: 'answer', questionId: 'late', in: [true] })).toBe(true);
    expect(holds({ kind: 'answer', questionId: 'result', in: [1, 2] })).toBe(true);
    expect(holds({ kind: 'answer', questionId: 'result', in: ['2'] })).toBe(false);
    expect(holds({ kind: 'answer', questionId: 'missing', in: ['x'] })).toBe(false);
  });

  it('matches comment keywords case- and accent-insensitively, as whole words or phrases', () => {
    expect(holds({ kind: 'comment_keywords', any: ['tres lent'] })).toBe(true);
    expect(holds({ kind: 'comment_keywords', any: ['RUDE'] })).toBe(true);
    expect(holds({ kind: 'comment_keywords', any: ['never again'] })).toBe(true);
    // "rud" is only part of a word; "staff rude" is not a phrase of the comment.
    expect(holds({ kind: 'comment_keywords', any: ['rud', 'staff rude'] })).toBe(false);
    expect(holds({ kind: 'comment_keywords', any: ['rude'] }, facts({ comment: null }))).toBe(
      false,
    );
  });

  it('tests the customer segment', () => {
    expect(holds({ kind: 'customer_segment', in: ['gold', 'platinum'] })).toBe(true);
    expect(holds({ kind: 'customer_segment', in: ['bronze'] })).toBe(false);
    expect(holds({ kind: 'customer_segment', in: ['gold'] }, facts({ segment: null }))).toBe(false);
  });
});

describe('evaluateRule', () => {
  const rule = {
    surveyId: null,
    conditions: [
      { kind: 'nps_category', in: ['detractor'] },
      { kind: 'comment_keywords', any: ['rude'] },
    ] satisfies CaseRuleCondition[],
  };

  it('needs every condition (AND)', () => {
    expect(evaluateRule(rule, facts())).toBe(true);
    expect(evaluateRule(rule, facts({ comment: 'fine' }))).toBe(false);
  });

  it('only matches responses of its survey when it names one', () => {
    expect(evaluateRule({ ...rule, surveyId: facts().surveyId }, facts())).toBe(true);
    expect(
      evaluateRule({ ...rule, surveyId: '00000000-0000-4000-8000-0000000000bb' }, facts()),
    ).toBe(false);
  });
});

describe('normalizeText', () => {
  it('folds case, accents and punctuation', () => {
    expect(normalizeText('  Ça  n’a PAS marché!!  ')).toBe('ca n a pas marche');
  });
});
