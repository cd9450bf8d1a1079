import type { FieldError, LocalText, SurveyDefinition } from '@valueloop/contracts';

/**
 * Rules zod cannot express on its own: unique ids, show-if pointing backwards, choice
 * questions with options, every text present in every language the survey offers.
 */
export function checkDefinition(definition: SurveyDefinition, prefix = 'draft'): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  const missingLanguages = (text: LocalText | undefined) =>
    text ? definition.languages.filter((l) => !text[l]) : [];
  for (const [field, text] of [
    ['title', definition.title],
    ['intro', definition.intro],
    ['thankYou', definition.thankYou],
  ] as const) {
    for (const l of missingLanguages(text)) {
      errors.push({
        field: `${prefix}.${field}.${l}`,
        message: `is missing although the survey offers '${l}'`,
      });
    }
  }
  definition.questions.forEach((q, i) => {
    const at = `${prefix}.questions.${i}`;
    if (seen.has(q.id)) errors.push({ field: `${at}.id`, message: `'${q.id}' is used twice` });
    seen.set(q.id, i);
    for (const l of missingLanguages(q.text)) {
      errors.push({
        field: `${at}.text.${l}`,
        message: `is missing although the survey offers '${l}'`,
      });
    }
    const needsOptions = q.type === 'single_choice' || q.type === 'multi_choice';
    if (needsOptions && (q.options?.length ?? 0) < 2) {
      errors.push({
        field: `${at}.options`,
        message: 'a choice question needs at least two options',
      });
    }
    if (!needsOptions && q.options) {
      errors.push({ field: `${at}.options`, message: `a ${q.type} question has no options` });
    }
    if (q.showIf) {
      const target = seen.get(q.showIf.questionId);
      if (target === undefined || target >= i) {
        errors.push({ field: `${at}.showIf.questionId`, message: 'must name an earlier question' });
      }
      if (q.showIf.op !== 'answered' && q.showIf.value === undefined) {
        errors.push({ field: `${at}.showIf.value`, message: `is required for '${q.showIf.op}'` });
      }
    }
  });
  return errors;
}
