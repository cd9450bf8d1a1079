import { useQuery } from '@tanstack/react-query';
import type { ActionPlanStatus } from '@valueloop/contracts';
import { useState } from 'react';
import { listActionPlans } from '../../api/loop.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { hasRole, useSession } from '../../session.ts';
import { LoopTabs } from './LoopTabs.tsx';
import { NewPlanDialog } from './NewPlanDialog.tsx';
import { PlanCard, planStatusLabels } from './PlanCard.tsx';

const columns: readonly ActionPlanStatus[] = ['planned', 'in_progress', 'done'];

/** The outer loop: each unit's improvement plans in three columns; dropped ones are counted. */
export function ActionPlanBoard() {
  const { data: session } = useSession();
  const canWrite = session ? hasRole(session, 'admin', 'analyst', 'manager') : false;
  const [creating, setCreating] = useState(false);
  const plans = useQuery({
    queryKey: ['action-plans', 'list'],
    queryFn: () => listActionPlans({ limit: 500 }),
  });
  const items = plans.data?.items ?? [];
  const dropped = items.filter((p) => p.status === 'dropped').length;
  return (
    <Page
      title="Action plans"
      intro="What units commit to change, linked to the causes and themes in their feedback; each plan is checked again after its follow-up weeks."
      actions={
        canWrite && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New action plan
          </button>
        )
      }
    >
      <LoopTabs />
      <ErrorMessage error={plans.error} title="Could not load the action plans" />
      {plans.isPending && <p className="muted">Loading plans…</p>}
      <div className="board" data-testid="plan-board">
        {columns.map((status) => {
          const inColumn = items.filter((p) => p.status === status);
          return (
            <section key={status} className="board-column" aria-labelledby={`col-${status}`}>
              <h2 id={`col-${status}`}>
                {planStatusLabels[status]} <span className="muted">({inColumn.length})</span>
              </h2>
              <ul className="plan-list">
                {inColumn.map((p) => (
                  <PlanCard key={p.id} plan={p} />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      {dropped > 0 && <p className="muted">{dropped} dropped plans are not shown.</p>}
      {creating && <NewPlanDialog onClose={() => setCreating(false)} />}
    </Page>
  );
}
