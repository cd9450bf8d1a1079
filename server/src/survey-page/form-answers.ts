import type { SurveyDefinition } from '@valueloop/contracts';
import { type Answers, isQuestionShown } from '../responses/answers.ts';

/** A parsed `application/x-www-form-urlencoded` body: every field as a list of values. */
export type FormFields = Record<string, string[]>;

export function parseFormBody(body: string): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of new URLSearchParams(body)) {
    fields[name] = [...(fields[name] ?? []), value];
  }
  return fields;
}

export const formValue = (fields: FormFields, name: string): string | undefined =>
  fields[name]?.[0];

const SCALES = new Set(['agreement5', 'csat5', 'effort7', 'nps']);

/**
 * Turns the no-JavaScript form into typed answers. Values that do not parse are kept as
 * strings so validation names the question. Without a script every question is visible, so
 * answers to questions an earlier answer hides are dropped here instead of being rejected.
 */
export function answersFromForm(definition: SurveyDefinition, fields: FormFields): Answers {
  const answers: Answers = {};
  for (const q of definition.questions) {
    const values = (fields[q.id] ?? []).filter((v) => v !== '');
    if (values.length === 0) continue;
    const first = values[0]!;
    if (SCALES.has(q.type)) {
      answers[q.id] = /^-?\d+$/.test(first) ? Number(first) : first;
    } else if (q.type === 'yes_no') {
      answers[q.id] = first === 'yes' ? true : first === 'no' ? false : first;
    } else if (q.type === 'multi_choice' || q.type === 'thank_picker') {
      answers[q.id] = values;
    } else if (q.type === 'short_text' || q.type === 'long_text') {
      if (first.trim()) answers[q.id] = first;
    } else {
      answers[q.id] = first;
    }
    if (!isQuestionShown(q, answers)) delete answers[q.id];
  }
  return answers;
}
