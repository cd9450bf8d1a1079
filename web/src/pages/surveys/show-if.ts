import type { Question, ShowIf } from '@valueloop/contracts';

/** A preview answer, stored as the server stores it. */
export type AnswerValue = number | boolean | string | string[];
export type Answers = Readonly<Record<string, AnswerValue>>;

export const showIfOps: ReadonlyArray<{ op: ShowIf['op']; label: string }> = [
  { op: 'eq', label: 'is' },
  { op: 'neq', label: 'is not' },
  { op: 'lt', label: 'is less than' },
  { op: 'lte', label: 'is at most' },
  { op: 'gt', label: 'is more than' },
  { op: 'gte', label: 'is at least' },
  { op: 'in', label: 'is one of' },
  { op: 'answered', label: 'is answered' },
];

/** Same comparison as the server (server/src/responses/answers.ts). */
export function conditionHolds(showIf: ShowIf, actual: AnswerValue | undefined): boolean {
  if (actual === undefined) return false;
  const expected = showIf.value;
  switch (showIf.op) {
    case 'answered':
      return true;
    case 'eq':
      return actual === expected;
    case 'neq':
      return actual !== expected;
    case 'in':
      return Array.isArray(expected) && expected.some((e) => e === actual);
    default: {
      if (typeof actual !== 'number' || typeof expected !== 'number') return false;
      if (showIf.op === 'lt') return actual < expected;
      if (showIf.op === 'lte') return actual <= expected;
      if (showIf.op === 'gt') return actual > expected;
      return actual >= expected;
    }
  }
}

/**
 * The questions a respondent sees, in order. An answer to a hidden question does not count:
 * a question that depends on a hidden one is hidden too.
 */
export function visibleQuestions(questions: readonly Question[], answers: Answers): Question[] {
  const shown = new Set<string>();
  const out: Question[] = [];
  for (const q of questions) {
    const condition = q.showIf;
    const visible =
      !condition ||
      (shown.has(condition.questionId) && conditionHolds(condition, answers[condition.questionId]));
    if (visible) {
      shown.add(q.id);
      out.push(q);
    }
  }
  return out;
}

/** Parses the text typed for a condition's value into the type the target question answers. */
export function parseConditionValue(
  target: Question | undefined,
  op: ShowIf['op'],
  raw: string,
): ShowIf['value'] {
  if (op === 'answered') return undefined;
  const numeric = target && ['agreement5', 'nps', 'csat5', 'effort7'].includes(target.type);
  const one = (s: string): number | string => {
    const t = s.trim();
    return numeric && t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
  };
  if (op === 'in') {
    return raw
      .split(',')
      .map(one)
      .filter((v) => v !== '');
  }
  if (target?.type === 'yes_no') return raw === 'true' ? true : raw === 'false' ? false : undefined;
  const value = one(raw);
  return value === '' ? undefined : value;
}

/** The condition's value as text for an input (lists are comma separated). */
export function formatConditionValue(value: ShowIf['value']): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
