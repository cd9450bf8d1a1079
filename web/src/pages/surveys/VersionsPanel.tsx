import { useQuery } from '@tanstack/react-query';
import { surveyVersionsQuery } from '../../api/queries.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { languageNames } from './item-bank.ts';

const when = (iso: string) => new Date(iso).toLocaleString('en');

/** Every published version, newest first; each keeps the definition its responses answered. */
export function VersionsPanel({ surveyId }: { surveyId: string }) {
  const versions = useQuery(surveyVersionsQuery(surveyId));
  if (versions.isPending) return <p className="muted">Loading versions…</p>;
  if (versions.isError) {
    return <ErrorMessage error={versions.error} title="Could not load the versions" />;
  }
  const items = [...versions.data.items].sort((a, b) => b.version - a.version);
  if (items.length === 0) {
    return <p className="muted">Not published yet. Publishing the draft creates version 1.</p>;
  }
  return (
    <div className="table-wrap">
      <table className="table" data-testid="versions">
        <caption>Published versions</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Published</th>
            <th scope="col">Languages</th>
            <th scope="col">Questions</th>
          </tr>
        </thead>
        <tbody>
          {items.map((v) => (
            <tr key={v.id}>
              <td>v{v.version}</td>
              <td>{when(v.publishedAt)}</td>
              <td>{v.definition.languages.map((l) => languageNames[l]).join(', ')}</td>
              <td>
                <details>
                  <summary>{v.definition.questions.length} questions</summary>
                  <ol className="version-questions">
                    {v.definition.questions.map((q) => (
                      <li key={q.id}>
                        <code>{q.id}</code> {q.text.en}
                        {q.construct && <span className="badge badge-muted">{q.construct}</span>}
                      </li>
                    ))}
                  </ol>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
