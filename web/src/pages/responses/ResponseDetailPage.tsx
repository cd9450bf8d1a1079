import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import type { ResponseDetail } from '@valueloop/contracts';
import { getResponse } from '../../api/feedback.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { ScoringHelp } from '../../components/ScoringHelp.tsx';
import { dateTime, NpsChip, score } from './ScoreChips.tsx';

type Answer = ResponseDetail['answers'][number];
const sourceLabels: Record<ResponseDetail['source'], string> = {
  invitation: 'Invitation',
  open_link: 'Open link',
  api: 'API',
  import: 'Import',
};

const scaleMax: Record<string, number> = { agreement5: 5, csat5: 5, effort7: 7, nps: 10 };

function answerText(answer: Answer, detail: ResponseDetail): string {
  const { value, type } = answer;
  if (type === 'thank_picker') {
    return detail.thanked.length ? detail.thanked.map((p) => p.name).join(', ') : 'Nobody';
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number' && scaleMax[type]) return `${value} of ${scaleMax[type]}`;
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

const seconds = (ms: number | null) => (ms === null ? '—' : `${Math.round(ms / 1000)} s`);

export function ResponseDetailPage() {
  const { responseId } = useParams({ from: '/app/responses/$responseId' });
  const response = useQuery({
    queryKey: ['responses', 'one', responseId],
    queryFn: () => getResponse(responseId),
  });
  if (response.isPending) return <p className="muted">Loading the response…</p>;
  if (response.isError) {
    return <ErrorMessage error={response.error} title="Could not load the response" />;
  }
  const r = response.data;
  const items = Object.entries(r.itemScores).sort(([a], [b]) => a.localeCompare(b));

  return (
    <Page
      title={`Response of ${dateTime(r.submittedAt)}`}
      intro={
        <>
          <Link to="/responses">All responses</Link> · {r.surveyName} v{r.version}
        </>
      }
    >
      {r.flaggedTooFast && (
        <p className="alert alert-warning">
          Flagged: this response was completed implausibly fast ({seconds(r.durationMs)}).
        </p>
      )}
      <div className="detail-grid">
        <section className="card" aria-labelledby="answers-heading">
          <h2 id="answers-heading">Answers</h2>
          <dl className="answers" data-testid="answers">
            {r.answers.map((a) => (
              <div key={a.questionId}>
                <dt>{a.text}</dt>
                <dd>{answerText(a, r)}</dd>
              </div>
            ))}
          </dl>
          {r.answers.length === 0 && <p className="muted">No answers.</p>}
        </section>
        <div className="detail-side">
          <section className="card" aria-labelledby="scores-heading">
            <h2 id="scores-heading">Scores</h2>
            <dl className="facts facts-compact">
              <div>
                <dt>Customer Value Index</dt>
                <dd data-testid="detail-cvi">{score(r.cvi)}</dd>
              </div>
              <div>
                <dt>NPS answer</dt>
                <dd>
                  <NpsChip nps={r.nps} category={r.npsCategory} />
                </dd>
              </div>
              <div>
                <dt>CSAT</dt>
                <dd>{score(r.csat)}</dd>
              </div>
              <div>
                <dt>Effort</dt>
                <dd>{score(r.effort)}</dd>
              </div>
              <div>
                <dt>Intent to return</dt>
                <dd>{score(r.retention)}</dd>
              </div>
              <div>
                <dt>Promise</dt>
                <dd>{r.promiseBroken === null ? '—' : r.promiseBroken ? 'Broken' : 'Kept'}</dd>
              </div>
            </dl>
            {items.length > 0 && (
              <table className="table compact-table">
                <caption>Item scores (0–100)</caption>
                <thead>
                  <tr>
                    <th scope="col">Construct</th>
                    <th scope="col" className="num">
                      Score
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map(([code, value]) => (
                    <tr key={code}>
                      <td>
                        <code>{code}</code>
                      </td>
                      <td className="num">{score(value)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="card" aria-labelledby="context-heading">
            <h2 id="context-heading">Context</h2>
            <dl className="facts">
              <div>
                <dt>Unit</dt>
                <dd>{r.unit?.name ?? '—'}</dd>
              </div>
              <div>
                <dt>Employee</dt>
                <dd>{r.employee?.name ?? '—'}</dd>
              </div>
              <div>
                <dt>Source</dt>
                <dd>{sourceLabels[r.source]}</dd>
              </div>
              <div>
                <dt>Language</dt>
                <dd>{r.language}</dd>
              </div>
              <div>
                <dt>Time to complete</dt>
                <dd>{seconds(r.durationMs)}</dd>
              </div>
              <div>
                <dt>Interaction</dt>
                <dd>
                  {r.interaction
                    ? `${r.interaction.channel}, ${dateTime(r.interaction.occurredAt)} (${r.interaction.externalId})`
                    : '—'}
                </dd>
              </div>
              <div>
                <dt>Flags</dt>
                <dd>{r.flaggedTooFast ? 'Too fast' : 'None'}</dd>
              </div>
            </dl>
          </section>
        </div>
      </div>
      <ScoringHelp />
    </Page>
  );
}
