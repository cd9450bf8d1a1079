import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { getCase } from '../../api/loop.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { score } from '../responses/ScoreChips.tsx';
import { dateTime, PriorityBadge, SlaText, StatusBadge } from './CaseBadges.tsx';
import { CaseNoteForm } from './CaseNoteForm.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
import { CaseWorkForm, caseQueryKey } from './CaseWorkForm.tsx';
import { RecoveryForm } from './RecoveryForm.tsx';
import { ReplyForm } from './ReplyForm.tsx';

/** One case: what the customer said, who did what, and the actions to put it right. */
export function CaseDetailPage() {
  const { caseId } = useParams({ from: '/app/cases/$caseId' });
  const found = useQuery({ queryKey: caseQueryKey(caseId), queryFn: () => getCase(caseId) });
  const c = found.data;
  if (!c) {
    return (
      <Page title="Case">
        {found.isPending && <p className="muted">Loading the case…</p>}
        <ErrorMessage error={found.error} title="Could not load the case" />
        <Link to="/cases">Back to the inbox</Link>
      </Page>
    );
  }
  return (
    <Page
      title={`Case #${c.number}`}
      intro={c.title}
      actions={
        <Link to="/cases" className="button">
          Back to the inbox
        </Link>
      }
    >
      <div className="split case-detail">
        <div className="side-stack">
          <section className="card" aria-labelledby="case-facts">
            <h2 id="case-facts" className="visually-hidden">
              Case facts
            </h2>
            <dl className="facts facts-compact" data-testid="case-facts">
              <div>
                <dt>Status</dt>
                <dd>
                  <StatusBadge status={c.status} />
                </dd>
              </div>
              <div>
                <dt>Priority</dt>
                <dd>
                  <PriorityBadge priority={c.priority} />
                </dd>
              </div>
              <div>
                <dt>Owner</dt>
                <dd>{c.owner?.name ?? (c.queue ? `Queue: ${c.queue.name}` : 'Unassigned')}</dd>
              </div>
              <div>
                <dt>Due</dt>
                <dd>{dateTime(c.dueAt)}</dd>
              </div>
              <div>
                <dt>SLA</dt>
                <dd>
                  <SlaText minutesLeft={c.minutesLeft} breached={c.breached} />
                </dd>
              </div>
              <div>
                <dt>Unit</dt>
                <dd>{c.unit?.name ?? '—'}</dd>
              </div>
              <div>
                <dt>Rule</dt>
                <dd>{c.rule?.name ?? '—'}</dd>
              </div>
              <div>
                <dt>Root cause</dt>
                <dd>{c.rootCause?.name ?? 'Not set'}</dd>
              </div>
            </dl>
          </section>
          <section className="card" aria-labelledby="case-response">
            <h2 id="case-response">What the customer said</h2>
            <dl className="facts facts-compact">
              <div>
                <dt>CVI</dt>
                <dd>{score(c.response.cvi)}</dd>
              </div>
              <div>
                <dt>NPS</dt>
                <dd>{c.response.nps ?? '—'}</dd>
              </div>
              <div>
                <dt>CSAT</dt>
                <dd>{score(c.response.csat)}</dd>
              </div>
              <div>
                <dt>Promise</dt>
                <dd>
                  {c.response.promiseBroken === null
                    ? '—'
                    : c.response.promiseBroken
                      ? 'Broken'
                      : 'Kept'}
                </dd>
              </div>
              <div>
                <dt>Served by</dt>
                <dd>{c.employee?.name ?? '—'}</dd>
              </div>
              <div>
                <dt>Submitted</dt>
                <dd>{dateTime(c.response.submittedAt)}</dd>
              </div>
            </dl>
            {c.response.comment ? (
              <blockquote className="case-comment">{c.response.comment}</blockquote>
            ) : (
              <p className="muted">No comment.</p>
            )}
            {c.customer && (
              <p data-testid="case-customer">
                Customer: {c.customer.name ?? 'name not given'}
                {c.customer.email && (
                  <>
                    {' · '}
                    <a href={`mailto:${c.customer.email}`}>{c.customer.email}</a>
                  </>
                )}
              </p>
            )}
          </section>
          <CaseTimeline events={c.timeline} recoveries={c.recoveries} />
        </div>
        <div className="side-stack">
          <CaseWorkForm key={c.version} current={c} />
          <CaseNoteForm caseId={c.id} />
          <RecoveryForm caseId={c.id} />
          {c.customer?.email && (
            <ReplyForm caseId={c.id} customerName={c.customer.name ?? 'the customer'} />
          )}
        </div>
      </div>
    </Page>
  );
}
