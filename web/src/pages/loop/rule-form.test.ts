import type { CaseRule } from '@valueloop/contracts';
import { describe, expect, it } from 'vitest';
import { emptyRuleForm, formToBody, ruleToForm, splitList } from './rule-form.ts';

describe('rule form ↔ body', () => {
  it('turns typed lists and numbers into the API shape', () => {
    const form = {
      ...emptyRuleForm(),
      name: 'Angry detractors',
      slaHours: '8',
      conditions: [
        { kind: 'score' as const, field: 'cvi', op: 'lt' as const, value: '40' },
        { kind: 'comment_keywords' as const, words: 'rude, , waited ' },
        { kind: 'answer' as const, questionId: 'q1', values: 'no, 2, true' },
      ],
    };
    expect(formToBody(form)).toEqual({
      name: 'Angry detractors',
      active: true,
      surveyId: null,
      priority: 'normal',
      slaHours: 8,
      owner: { kind: 'unit_manager' },
      conditions: [
        { kind: 'score', field: 'cvi', op: 'lt', value: 40 },
        { kind: 'comment_keywords', any: ['rude', 'waited'] },
        { kind: 'answer', questionId: 'q1', in: ['no', 2, true] },
      ],
    });
  });

  it('sends an empty number as null so the server names the field', () => {
    const body = formToBody({ ...emptyRuleForm(), slaHours: '' });
    expect(JSON.parse(JSON.stringify(body)).slaHours).toBeNull();
  });

  it('round-trips a stored rule, queue owner included', () => {
    const rule: CaseRule = {
      id: '00000000-0000-4000-8000-000000000001',
      name: 'Broken promises',
      active: false,
      surveyId: null,
      conditions: [
        { kind: 'promise_broken' },
        { kind: 'customer_segment', in: ['gold', 'platinum'] },
      ],
      priority: 'high',
      owner: { kind: 'queue', queueId: '00000000-0000-4000-8000-000000000002' },
      slaHours: 4,
      version: 3,
      createdAt: '',
      updatedAt: '',
    };
    const form = ruleToForm(rule);
    expect(form.conditions[1]).toEqual({ kind: 'customer_segment', segments: 'gold, platinum' });
    const { name, active, conditions, priority, owner, slaHours } = rule;
    expect(formToBody(form)).toEqual({
      name,
      active,
      surveyId: null,
      conditions,
      priority,
      owner,
      slaHours,
    });
  });

  it('splits comma lists and drops blanks', () => {
    expect(splitList(' a,b ,, c ')).toEqual(['a', 'b', 'c']);
  });
});
