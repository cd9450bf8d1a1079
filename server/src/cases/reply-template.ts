import type { FieldError } from '@valueloop/contracts';

/** The placeholders a reply may use, e.g. "Dear {{customer.name}}". */
export const replyPlaceholders = ['customer.name', 'unit.name', 'case.number'] as const;
export type ReplyValues = Record<(typeof replyPlaceholders)[number], string>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Unknown placeholders in a template, as 422 field errors naming `field`. */
export function unknownPlaceholders(template: string, field: string): FieldError[] {
  const known = new Set<string>(replyPlaceholders);
  return [...template.matchAll(PLACEHOLDER)]
    .map((m) => m[1]!)
    .filter((name) => !known.has(name))
    .map((name) => ({
      field,
      message: `unknown placeholder {{${name}}}; use ${replyPlaceholders.map((p) => `{{${p}}}`).join(', ')}`,
    }));
}

/**
 * Fills the placeholders in one pass: a value is inserted as plain text and never read again,
 * so a customer named "{{unit.name}}" stays literally that. Values are single-line (line
 * breaks collapse to spaces) — a subject can never grow an extra header.
 */
export function renderReplyTemplate(template: string, values: ReplyValues): string {
  return template.replace(PLACEHOLDER, (_, name: string) =>
    (values[name as keyof ReplyValues] ?? '').replace(/[\r\n]+/g, ' '),
  );
}
