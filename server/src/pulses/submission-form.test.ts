import type { SurveyDefinition } from '@valueloop/contracts';
import { describe, expect, it } from 'vitest';
import { buildEmployeeForm, splitAnswersBySection, unitQuestionId } from './submission-form.ts';

const definition: SurveyDefinition = {
  languages: ['en', 'es'],
  title: { en: 'Internal service' },
  questions: [
    {
      id: 'isq',
      type: 'agreement5',
      construct: 'isq',
      required: true,
      reverse: false,
      text: { en: '[Unit] helps us', es: '[Unit] nos ayuda' },
    },
    {
      id: 'why',
      type: 'single_choice',
      required: false,
      reverse: false,
      text: { en: 'Why is [Unit] slow?' },
      options: [{ value: 'staff', text: { en: '[Unit] lacks staff' } }],
      showIf: { questionId: 'isq', op: 'lte', value: 2 },
    },
  ],
};
const it1 = { id: '11111111-1111-4111-8111-111111111111', name: 'IT' };
const pay = { id: '22222222-2222-4222-8222-222222222222', name: 'Payroll' };

describe('buildEmployeeForm', () => {
  it('asks a pulse once, as published', () => {
    const form = buildEmployeeForm({ definition, perRatedUnit: false, ratedUnits: [it1] });
    expect(form.definition).toBe(definition);
    expect(form.sections).toHaveLength(1);
    expect(form.sections[0]!.unit).toBeNull();
  });

  it('asks an internal service survey once per rated unit, named, with show-if kept within the unit', () => {
    const form = buildEmployeeForm({ definition, perRatedUnit: true, ratedUnits: [it1, pay] });
    const ids = form.definition.questions.map((q) => q.id);
    expect(ids).toEqual([
      'isq__11111111111141118111111111111111',
      'why__11111111111141118111111111111111',
      'isq__22222222222242228222222222222222',
      'why__22222222222242228222222222222222',
    ]);
    const payWhy = form.definition.questions[3]!;
    expect(form.definition.questions[2]!.text).toEqual({
      en: 'Payroll helps us',
      es: 'Payroll nos ayuda',
    });
    expect(payWhy.text).toEqual({ en: 'Why is Payroll slow?' });
    expect(payWhy.options![0]!.text).toEqual({ en: 'Payroll lacks staff' });
    expect(payWhy.showIf).toEqual({
      questionId: unitQuestionId('isq', pay.id),
      op: 'lte',
      value: 2,
    });
    expect(definition.questions[0]!.id).toBe('isq');
  });

  it('has nothing to ask when no unit supports the respondent', () => {
    const form = buildEmployeeForm({ definition, perRatedUnit: true, ratedUnits: [] });
    expect(form.sections).toEqual([]);
    expect(form.definition.questions).toEqual([]);
  });
});

describe('splitAnswersBySection', () => {
  it('gives each answered unit its own answers under the survey’s question ids', () => {
    const form = buildEmployeeForm({ definition, perRatedUnit: true, ratedUnits: [it1, pay] });
    const split = splitAnswersBySection(form, {
      [unitQuestionId('isq', it1.id)]: 5,
      [unitQuestionId('isq', pay.id)]: 1,
      [unitQuestionId('why', pay.id)]: 'staff',
    });
    expect(split).toEqual([
      { subjectUnitId: it1.id, answers: { isq: 5 } },
      { subjectUnitId: pay.id, answers: { isq: 1, why: 'staff' } },
    ]);
  });

  it('leaves out a unit with no answer at all', () => {
    const form = buildEmployeeForm({ definition, perRatedUnit: true, ratedUnits: [it1, pay] });
    expect(splitAnswersBySection(form, { [unitQuestionId('isq', pay.id)]: 3 })).toEqual([
      { subjectUnitId: pay.id, answers: { isq: 3 } },
    ]);
  });
});
