import { ApiError, errorMessage } from '../api/client.ts';

interface Props {
  error: unknown;
  /** Shown before the server's message, e.g. "Could not sign in". */
  title?: string;
}

/** A problem+json error as a readable alert: its detail and any per-field errors. */
export function ErrorMessage({ error, title }: Props) {
  if (!error) return null;
  const fields =
    error instanceof ApiError ? error.fieldErrors.filter((e) => e.field || !e.line) : [];
  return (
    <div className="alert alert-error" role="alert">
      {title && <strong className="alert-title">{title}</strong>}
      <p>{errorMessage(error)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={`${f.field ?? ''}:${f.message}`}>
              {f.field && <code>{f.field}</code>} {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
