import type { FieldError } from '@valueloop/contracts';

/** The per-row error report of a rejected import: line, column, message. */
export function ImportReport({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="import-errors">
        <caption>
          {errors.length} {errors.length === 1 ? 'problem' : 'problems'} found; nothing was imported
        </caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Column</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e) => (
            <tr key={`${e.line ?? ''}-${e.column ?? e.field ?? ''}-${e.message}`}>
              <td>{e.line ?? '—'}</td>
              <td>{e.column ?? e.field ?? '—'}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
