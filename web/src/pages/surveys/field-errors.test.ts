import { describe, expect, it } from 'vitest';
import { errorIdFor, errorsUnder, fieldErrorMap } from './field-errors.ts';

describe('server field errors', () => {
  it('names fields without the request part', () => {
    const map = fieldErrorMap([
      { field: 'body.draft.questions.3.text.es', message: 'is missing' },
      { field: 'draft.questions.1.id', message: "'a' is used twice" },
    ]);
    expect(map.get('draft.questions.3.text.es')).toEqual(['is missing']);
    expect(map.get('draft.questions.1.id')).toEqual(["'a' is used twice"]);
  });

  it('splits an error naming several fields', () => {
    const map = fieldErrorMap([{ field: 'body.a, body.b', message: 'unknown' }]);
    expect([...map.keys()]).toEqual(['a', 'b']);
  });

  it('collects errors under a prefix but not under a longer sibling', () => {
    const map = fieldErrorMap([
      { field: 'draft.questions.1.text.en', message: 'x' },
      { field: 'draft.questions.10.id', message: 'y' },
    ]);
    expect(errorsUnder(map, 'draft.questions.1')).toEqual(['x']);
  });

  it('makes DOM-safe ids', () => {
    expect(errorIdFor('draft.questions.3.text.es')).toBe('err-draft-questions-3-text-es');
  });
});
