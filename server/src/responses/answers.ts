import type { FieldError, Question, ShowIf, SurveyDefinition } from '@valueloop/contracts';

/** An answer as stored: numbers for scales, booleans for yes/no, strings and string lists. */
export type AnswerValue = number | boolean | string | string[];
export type Answers = Record<string, AnswerValue>;

const scaleRange: Partial<Record<Question['type'], [number, number]>> = {
  agreement5: [1, 5],
  csat5: [1, 5],
  effort7: [1, 7],
  nps: [0, 10],
};

const DEFAULT_TEXT_MAX = { short_text: 200, long_text: 5000 } as const;

function compare(op: ShowIf['op'], actual: AnswerValue, expected: ShowIf['value']): boolean {
  switch (op) {
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
      if (op === 'lt') return actual < expected;
      if (op === 'lte') return actual <= expected;
      if (op === 'gt') return actual > expected;
      return actual >= expected;
    }
  }
}

/** A question is shown when it has no condition or its condition holds on earlier answers. */
export function isQuestionShown(question: Question, answers: Answers): boolean {
  if (!question.showIf) return true;
  const actual = answers[question.showIf.questionId];
  if (actual === undefined) return false;
  return compare(question.showIf.op, actual, question.showIf.value);
}

/** Checks one answer against its question's type; returns the problem, or null. */
export function checkAnswer(question: Question, value: unknown): string | null {
  const range = scaleRange[question.type];
  if (range) {
    if (typeof value !== 'number' || !Number.isInteger(value))
      return `must be a whole number from ${range[0]} to ${range[1]}`;
    if (value < range[0] || value > range[1])
      return `must be from ${range[0]} to ${range[1]}, got ${value}`;
    return null;
  }
  switch (question.type) {
    case 'yes_no':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'single_choice': {
      const allowed = question.options?.map((o) => o.value) ?? [];
      return typeof value === 'string' && allowed.includes(value)
        ? null
        : `must be one of ${allowed.join(', ')}`;
    }
    case 'multi_choice': {
      const allowed = question.options?.map((o) => o.value) ?? [];
      if (
        !Array.isArray(value) ||
        !value.every((v) => typeof v === 'string' && allowed.includes(v))
      ) {
        return `must be a list of ${allowed.join(', ')}`;
      }
      return new Set(value).size === value.length ? null : 'must not repeat a choice';
    }
    case 'short_text':
    case 'long_text': {
      const max = question.maxLength ?? DEFAULT_TEXT_MAX[question.type];
      if (typeof value !== 'string') return 'must be text';
      return value.length <= max ? null : `must be at most ${max} characters`;
    }
    case 'thank_picker':
      return Array.isArray(value) && value.length <= 5 && value.every((v) => typeof v === 'string')
        ? null
        : 'must be a list of up to 5 people';
    default:
      return 'has an unknown question type';
  }
}

/**
 * Validates answers against a survey version. Unknown question ids and answers to hidden
 * questions are errors; required questions must be answered unless `partial`.
 */
export function validateAnswers(
  definition: SurveyDefinition,
  answers: Record<string, unknown>,
  opts: { partial: boolean; fieldPrefix?: string },
): FieldError[] {
  const prefix = opts.fieldPrefix ?? 'answers';
  const errors: FieldError[] = [];
  const byId = new Map(definition.questions.map((q) => [q.id, q]));
  for (const id of Object.keys(answers)) {
    if (!byId.has(id))
      errors.push({
        field: `${prefix}.${id}`,
        message: 'is not a question of this survey version',
      });
  }
  const typed = answers as Answers;
  for (const q of definition.questions) {
    const value = answers[q.id];
    const shown = isQuestionShown(q, typed);
    if (value === undefined || value === null || value === '') {
      if (shown && q.required && !opts.partial)
        errors.push({ field: `${prefix}.${q.id}`, message: 'is required' });
      continue;
    }
    if (!shown) {
      errors.push({
        field: `${prefix}.${q.id}`,
        message: 'is hidden by an earlier answer and must not be answered',
      });
      continue;
    }
    const problem = checkAnswer(q, value);
    if (problem) errors.push({ field: `${prefix}.${q.id}`, message: problem });
  }
  return errors;
}
