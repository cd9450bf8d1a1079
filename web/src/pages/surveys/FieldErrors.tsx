import { createContext, useContext } from 'react';
import { errorIdFor, type FieldErrorMap } from './field-errors.ts';

/** The server's last field errors for the form being edited, by normalized field path. */
export const FieldErrorsContext = createContext<FieldErrorMap>(new Map());

/** Props that tie an input to its field's error message (aria-invalid + aria-describedby). */
export function useFieldError(field: string) {
  const messages = useContext(FieldErrorsContext).get(field) ?? [];
  const invalid = messages.length > 0;
  return {
    messages,
    inputProps: invalid
      ? { 'aria-invalid': true as const, 'aria-describedby': errorIdFor(field) }
      : {},
  };
}

/** The messages for one field, shown right under it. */
export function FieldErrorText({ field }: { field: string }) {
  const { messages } = useFieldError(field);
  if (messages.length === 0) return null;
  return (
    <p className="field-error" id={errorIdFor(field)} data-field={field}>
      {messages.join('; ')}
    </p>
  );
}
