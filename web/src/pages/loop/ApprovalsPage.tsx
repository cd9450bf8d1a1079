import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { RecoveryAction } from '@valueloop/contracts';
import { useState } from 'react';
import { decideRecovery, listPendingRecoveries } from '../../api/loop.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { dateTime } from '../cases/CaseBadges.tsx';
import { LoopTabs } from './LoopTabs.tsx';

function ApprovalRow({ action }: { action: RecoveryAction }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (approve: boolean) => decideRecovery(action.id, approve, note.trim() || undefined),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['recoveries'] });
    },
  });
  const noteId = `decision-note-${action.id}`;
  return (
    <li className="card approval" data-testid="approval">
      <div className="approval-head">
        <strong>
          {action.type} of {action.amount} {action.currency}
        </strong>
        <span className="muted">
          by {action.takenBy.name} ({action.unit.name}) · {dateTime(action.createdAt)}
        </span>
      </div>
      <p>
        <Link to="/cases/$caseId" params={{ caseId: action.caseId }}>
          Case #{action.caseNumber}
        </Link>
        : {action.note}
      </p>
      <div className="approval-actions">
        <label htmlFor={noteId} className="visually-hidden">
          Note for case #{action.caseNumber}
        </label>
        <input
          id={noteId}
          placeholder="Note (optional; say why when you reject)"
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <button
          type="button"
          className="button button-primary"
          disabled={decide.isPending}
          onClick={() => decide.mutate(true)}
        >
          Approve
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={decide.isPending}
          onClick={() => decide.mutate(false)}
        >
          Reject
        </button>
      </div>
      <ErrorMessage error={decide.error} title="Could not record the decision" />
    </li>
  );
}

/** Recoveries above someone's allowance, waiting for a manager's one-click decision. */
export function ApprovalsPage() {
  const pending = useQuery({ queryKey: ['recoveries', 'pending'], queryFn: listPendingRecoveries });
  const items = pending.data?.items ?? [];
  return (
    <Page
      title="Approvals"
      intro="Recoveries above the employee's allowance. Approve or reject; the decision joins the case timeline."
    >
      <LoopTabs />
      <ErrorMessage error={pending.error} title="Could not load the approvals" />
      <p className="muted" aria-live="polite" data-testid="approvals-count">
        {pending.isPending
          ? 'Loading…'
          : `${items.length} ${items.length === 1 ? 'recovery waits' : 'recoveries wait'} for a decision`}
      </p>
      <ul className="approval-list">
        {items.map((a) => (
          <ApprovalRow key={a.id} action={a} />
        ))}
      </ul>
    </Page>
  );
}
