import type { Question } from '@valueloop/contracts';
import { describe, expect, it } from 'vitest';
import { conditionHolds, parseConditionValue, visibleQuestions } from './show-if.ts';

const q = (id: string, type: Question['type'], showIf?: Question['showIf']): Question => ({
  id,
  type,
  text: { en: id },
  required: false,
  reverse: false,
  ...(showIf ? { showIf } : {}),
});

const questions = [
  q('nps', 'nps'),
  q('why', 'long_text', { questionId: 'nps', op: 'lte', value: 6 }),
  q('fix', 'yes_no', { questionId: 'why', op: 'answered' }),
  q('late', 'yes_no'),
  q('how_late', 'short_text', { questionId: 'late', op: 'eq', value: true }),
];

const ids = (answers: Record<string, number | boolean | string>) =>
  visibleQuestions(questions, answers).map((x) => x.id);

describe('show-if in the preview', () => {
  it('hides conditional questions until their condition holds', () => {
    expect(ids({})).toEqual(['nps', 'late']);
    expect(ids({ nps: 3 })).toEqual(['nps', 'why', 'late']);
    expect(ids({ late: true })).toEqual(['nps', 'late', 'how_late']);
  });

  it('ignores answers to questions that are hidden', () => {
    expect(ids({ nps: 9, why: 'kept from before' })).toEqual(['nps', 'late']);
  });

  it('compares numbers only with numbers', () => {
    expect(conditionHolds({ questionId: 'x', op: 'gt', value: 5 }, '7')).toBe(false);
    expect(conditionHolds({ questionId: 'x', op: 'gt', value: 5 }, 7)).toBe(true);
  });

  it('matches one of several values', () => {
    const cond = { questionId: 'x', op: 'in', value: [1, 2] } as const;
    expect(conditionHolds({ ...cond, value: [1, 2] }, 2)).toBe(true);
    expect(conditionHolds({ ...cond, value: [1, 2] }, 3)).toBe(false);
  });

  it('parses typed values into the target question’s answer type', () => {
    expect(parseConditionValue(questions[0], 'lte', '6')).toBe(6);
    expect(parseConditionValue(questions[0], 'in', '0, 1,2')).toEqual([0, 1, 2]);
    expect(parseConditionValue(questions[3], 'eq', 'true')).toBe(true);
    expect(parseConditionValue(questions[1], 'eq', 'slow')).toBe('slow');
    expect(parseConditionValue(questions[0], 'answered', '6')).toBeUndefined();
  });
});
