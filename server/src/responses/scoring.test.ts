import type { SurveyDefinition } from '@valueloop/contracts';
import { describe, expect, it } from 'vitest';
import { validateAnswers } from './answers.ts';
import { itemScore, scoreResponse } from './scoring.ts';

const t = (en: string) => ({ en });
const definition: SurveyDefinition = {
  languages: ['en'],
  title: t('How did we do?'),
  questions: [
    {
      id: 'result',
      type: 'agreement5',
      text: t('I got the result I came for'),
      construct: 'cv.result',
      required: true,
      reverse: false,
    },
    {
      id: 'ease',
      type: 'agreement5',
      text: t('Easy'),
      construct: 'cv.ease',
      required: false,
      reverse: false,
    },
    {
      id: 'solved',
      type: 'agreement5',
      text: t('Solved'),
      construct: 'cv.solved',
      required: false,
      reverse: false,
    },
    {
      id: 'price',
      type: 'agreement5',
      text: t('Fair price'),
      construct: 'cv.price',
      required: false,
      reverse: false,
    },
    {
      id: 'effort',
      type: 'agreement5',
      text: t('Extra effort'),
      construct: 'cv.effort',
      required: false,
      reverse: false,
    },
    {
      id: 'late',
      type: 'yes_no',
      text: t('Longer than promised'),
      construct: 'cv.promise',
      required: false,
      reverse: false,
    },
    {
      id: 'nps',
      type: 'nps',
      text: t('Recommend'),
      construct: 'nps',
      required: true,
      reverse: false,
    },
    {
      id: 'why',
      type: 'long_text',
      text: t('Why?'),
      required: false,
      reverse: false,
      showIf: { questionId: 'nps', op: 'lte', value: 6 },
    },
  ],
};

describe('response scoring', () => {
  it('gives CVI 100 for full benefits at no cost and 0 for the opposite', () => {
    const best = scoreResponse(definition, {
      result: 5,
      ease: 5,
      solved: 5,
      price: 5,
      effort: 1,
      late: false,
      nps: 10,
    });
    const worst = scoreResponse(definition, {
      result: 1,
      ease: 1,
      solved: 1,
      price: 1,
      effort: 5,
      late: true,
      nps: 0,
    });
    expect(best.cvi).toBe(100);
    expect(worst.cvi).toBe(0);
    expect(best.npsCategory).toBe('promoter');
    expect(worst.npsCategory).toBe('detractor');
  });

  it('leaves CVI null when no cost item was answered', () => {
    expect(scoreResponse(definition, { result: 4, nps: 8 }).cvi).toBeNull();
  });

  it('takes a broken promise from the interaction when the question was not answered', () => {
    const at = new Date('2026-01-01T10:00:00Z');
    const s = scoreResponse(
      definition,
      { result: 5, nps: 9 },
      { promisedAt: at, completedAt: new Date(at.getTime() + 60_000) },
    );
    expect(s.promiseBroken).toBe(true);
    expect(s.cvi).toBe(50);
  });

  it('reverses the 0–100 score of a reverse-worded agreement item', () => {
    const q = { ...definition.questions[0]!, reverse: true };
    expect(itemScore(q, 5)).toBe(0);
    expect(itemScore(q, 2)).toBe(75);
  });
});

describe('answer validation', () => {
  it('names the question of an out-of-range answer', () => {
    const errors = validateAnswers(definition, { result: 6, nps: 10 }, { partial: false });
    expect(errors).toEqual([{ field: 'answers.result', message: 'must be from 1 to 5, got 6' }]);
  });

  it('requires required questions only on the final submit', () => {
    expect(validateAnswers(definition, { ease: 3 }, { partial: true })).toEqual([]);
    const final = validateAnswers(definition, { ease: 3 }, { partial: false });
    expect(final.map((e) => e.field)).toEqual(['answers.result', 'answers.nps']);
  });

  it('rejects answers to unknown and hidden questions', () => {
    const errors = validateAnswers(
      definition,
      { result: 5, nps: 10, why: 'x', bogus: 1 },
      { partial: false },
    );
    expect(errors.map((e) => e.field).sort()).toEqual(['answers.bogus', 'answers.why']);
  });

  it('rejects wrong types with a message that says what is expected', () => {
    const errors = validateAnswers(
      definition,
      { result: '5', nps: 10, late: 'yes' },
      { partial: false },
    );
    expect(errors.map((e) => e.message)).toEqual([
      'must be a whole number from 1 to 5',
      'must be true or false',
    ]);
  });
});
