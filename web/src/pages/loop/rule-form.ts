import type {
  CaseRule,
  CaseRuleBody,
  CaseRuleCondition,
  casePriorities,
  comparisonOps,
} from '@valueloop/contracts';

/** The rule editor's state: what the inputs hold, every number still a string. */
export type ConditionDraft =
  | { kind: 'score'; field: string; op: (typeof comparisonOps)[number]; value: string }
  | { kind: 'nps_category'; in: Array<'promoter' | 'passive' | 'detractor'> }
  | { kind: 'promise_broken' }
  | { kind: 'answer'; questionId: string; values: string }
  | { kind: 'comment_keywords'; words: string }
  | { kind: 'customer_segment'; segments: string };
export type ConditionKind = ConditionDraft['kind'];

export interface RuleForm {
  name: string;
  active: boolean;
  priority: (typeof casePriorities)[number];
  slaHours: string;
  ownerKind: 'serving_employee' | 'unit_manager' | 'queue';
  queueId: string;
  conditions: ConditionDraft[];
}

export const conditionKindLabels: Record<ConditionKind, string> = {
  score: 'Score below/above a threshold',
  nps_category: 'NPS category',
  promise_broken: 'Promise broken',
  answer: 'Chosen answer',
  comment_keywords: 'Comment mentions words',
  customer_segment: 'Customer value segment',
};

export function emptyCondition(kind: ConditionKind): ConditionDraft {
  switch (kind) {
    case 'score':
      return { kind, field: 'cvi', op: 'lt', value: '50' };
    case 'nps_category':
      return { kind, in: ['detractor'] };
    case 'promise_broken':
      return { kind };
    case 'answer':
      return { kind, questionId: '', values: '' };
    case 'comment_keywords':
      return { kind, words: '' };
    case 'customer_segment':
      return { kind, segments: '' };
  }
}

export const emptyRuleForm = (): RuleForm => ({
  name: '',
  active: true,
  priority: 'normal',
  slaHours: '24',
  ownerKind: 'unit_manager',
  queueId: '',
  conditions: [emptyCondition('nps_category')],
});

/** "a, b ,, c" → ["a", "b", "c"]. */
export const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** An answer value as typed: numbers and true/false become their JSON types. */
function answerValue(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/**
 * A typed number, or NaN for an empty/unreadable one: JSON turns NaN into null and the server
 * answers 422 naming the field, so the message shows where the user typed.
 */
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export function conditionToBody(draft: ConditionDraft): CaseRuleCondition {
  switch (draft.kind) {
    case 'score':
      return { kind: 'score', field: draft.field.trim(), op: draft.op, value: num(draft.value) };
    case 'nps_category':
      return { kind: 'nps_category', in: draft.in };
    case 'promise_broken':
      return { kind: 'promise_broken' };
    case 'answer':
      return {
        kind: 'answer',
        questionId: draft.questionId.trim(),
        in: splitList(draft.values).map(answerValue),
      };
    case 'comment_keywords':
      return { kind: 'comment_keywords', any: splitList(draft.words) };
    case 'customer_segment':
      return { kind: 'customer_segment', in: splitList(draft.segments) };
  }
}

export function conditionToDraft(condition: CaseRuleCondition): ConditionDraft {
  switch (condition.kind) {
    case 'score':
      return { ...condition, value: String(condition.value) };
    case 'nps_category':
      return { kind: 'nps_category', in: condition.in };
    case 'promise_broken':
      return { kind: 'promise_broken' };
    case 'answer':
      return {
        kind: 'answer',
        questionId: condition.questionId,
        values: condition.in.map(String).join(', '),
      };
    case 'comment_keywords':
      return { kind: 'comment_keywords', words: condition.any.join(', ') };
    case 'customer_segment':
      return { kind: 'customer_segment', segments: condition.in.join(', ') };
  }
}

export function formToBody(form: RuleForm): CaseRuleBody {
  return {
    name: form.name,
    active: form.active,
    surveyId: null,
    priority: form.priority,
    slaHours: num(form.slaHours),
    owner:
      form.ownerKind === 'queue'
        ? { kind: 'queue', queueId: form.queueId }
        : { kind: form.ownerKind },
    conditions: form.conditions.map(conditionToBody),
  };
}

export function ruleToForm(rule: CaseRule): RuleForm {
  return {
    name: rule.name,
    active: rule.active,
    priority: rule.priority,
    slaHours: String(rule.slaHours),
    ownerKind: rule.owner.kind,
    queueId: rule.owner.kind === 'queue' ? rule.owner.queueId : '',
    conditions: rule.conditions.map(conditionToDraft),
  };
}

/** A one-line reading of a condition for the rules list. */
export function describeCondition(c: CaseRuleCondition): string {
  const ops = { lt: '<', lte: '≤', gt: '>', gte: '≥', eq: '=' } as const;
  switch (c.kind) {
    case 'score':
      return `${c.field.toUpperCase()} ${ops[c.op]} ${c.value}`;
    case 'nps_category':
      return `NPS ${c.in.join(' or ')}`;
    case 'promise_broken':
      return 'promise broken';
    case 'answer':
      return `${c.questionId} is ${c.in.join(' or ')}`;
    case 'comment_keywords':
      return `comment mentions ${c.any.map((w) => `“${w}”`).join(', ')}`;
    case 'customer_segment':
      return `segment ${c.in.join(' or ')}`;
  }
}
