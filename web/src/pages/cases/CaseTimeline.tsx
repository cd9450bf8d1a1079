import type { CaseDetail } from '@valueloop/contracts';
import { dateTime } from './CaseBadges.tsx';
import { eventText } from './timeline-text.ts';

interface Props {
  events: CaseDetail['timeline'];
  recoveries: CaseDetail['recoveries'];
}

const recoveryStatus = {
  taken: 'taken',
  pending_approval: 'waiting for approval',
  approved: 'approved',
  rejected: 'rejected',
} as const;

/** Who did what, when, oldest first; and the case's recoveries with their state. */
export function CaseTimeline({ events, recoveries }: Props) {
  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <ol className="timeline" data-testid="case-timeline">
        {ordered.map((e) => (
          <li key={e.id} className={`timeline-item timeline-${e.kind}`}>
            <time dateTime={e.at}>{dateTime(e.at)}</time>
            <span className="timeline-actor">{e.actor?.name ?? 'ValueLoop'}</span>
            <p>{eventText(e.kind, e.data)}</p>
          </li>
        ))}
      </ol>
      {recoveries.length > 0 && (
        <>
          <h3>Recoveries</h3>
          <ul className="link-list" data-testid="case-recoveries">
            {recoveries.map((r) => (
              <li key={r.id}>
                {r.type} of {r.amount} {r.currency} by {r.takenBy.name}:{' '}
                <strong>{recoveryStatus[r.status]}</strong>
                {r.decisionNote && ` (${r.decisionNote})`}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
