import type { FieldError } from '@valueloop/contracts';

/** Field errors by path, with the request part removed: `body.draft.title.es` → `draft.title.es`. */
export type FieldErrorMap = ReadonlyMap<string, readonly string[]>;

export function normalizeField(field: string): string {
  return field.replace(/^(body|query|params)\./, '');
}

/** Groups errors by field; one error may name several comma-separated fields. */
export function fieldErrorMap(errors: readonly FieldError[]): FieldErrorMap {
  const map = new Map<string, string[]>();
  for (const e of errors) {
    if (!e.field) continue;
    for (const part of e.field.split(',')) {
      const key = normalizeField(part.trim());
      map.set(key, [...(map.get(key) ?? []), e.message]);
    }
  }
  return map;
}

/** Errors for the field and everything under it (`draft.questions.2` matches `….2.text.es`). */
export function errorsUnder(map: FieldErrorMap, prefix: string): string[] {
  const out: string[] = [];
  for (const [key, messages] of map) {
    if (key === prefix || key.startsWith(`${prefix}.`)) out.push(...messages);
  }
  return out;
}

/** The DOM id of the element showing a field's error, for aria-describedby. */
export const errorIdFor = (field: string) => `err-${field.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
