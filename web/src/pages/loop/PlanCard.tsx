import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ActionPlanStatus,
  type ActionPlanSummary,
  actionPlanStatuses,
} from '@valueloop/contracts';
import { useState } from 'react';
import { getActionPlan, updateActionPlan } from '../../api/loop.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';

export const planStatusLabels: Record<ActionPlanStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

const arrows = { better: '▲ better', worse: '▼ worse', unchanged: '= unchanged' } as const;

/** Baseline vs follow-up of each linked measure, once the follow-up check has run. */
function FollowUp({ planId }: { planId: string }) {
  const plan = useQuery({
    queryKey: ['action-plans', 'one', planId],
    queryFn: () => getActionPlan(planId),
  });
  if (plan.error) return <ErrorMessage error={plan.error} title="Could not load the plan" />;
  if (!plan.data) return <p className="muted">Loading…</p>;
  const p = plan.data;
  return (
    <div className="plan-details">
      {p.description && <p>{p.description}</p>}
      {p.links.length > 0 && (
        <p className="muted">Linked to: {p.links.map((l) => l.label).join(', ')}</p>
      )}
      {p.followUpAt === null ? (
        <p className="hint">Follow-up check on {p.followUpDueAt.slice(0, 10)}.</p>
      ) : (
        <ul className="link-list" data-testid="plan-follow-up">
          {p.measures.map((m) => (
            <li key={m.key}>
              {m.label}: {m.baseline ?? '—'} → {m.followUp ?? '—'}{' '}
              {m.direction && (
                <strong className={`move-${m.direction}`}>{arrows[m.direction]}</strong>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A plan on the board; it moves between columns with a select, so the keyboard can move it. */
export function PlanCard({ plan }: { plan: ActionPlanSummary }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const move = useMutation({
    mutationFn: (status: ActionPlanStatus) =>
      updateActionPlan(plan.id, { version: plan.version, status }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['action-plans'] });
    },
  });
  const selectId = `plan-status-${plan.id}`;
  return (
    <li className="card plan-card" data-testid="plan-card">
      <h3>{plan.title}</h3>
      <p className="muted">
        {plan.unit.name}
        {plan.owner && ` · ${plan.owner.name}`}
        {plan.dueOn && ` · due ${plan.dueOn}`}
        {plan.linkCount > 0 && ` · ${plan.linkCount} links`}
      </p>
      <div className="field-inline">
        <label htmlFor={selectId}>Move to</label>
        <select
          id={selectId}
          value={plan.status}
          disabled={move.isPending}
          onChange={(e) => {
            const next = actionPlanStatuses.find((s) => s === e.target.value);
            if (next && next !== plan.status) move.mutate(next);
          }}
        >
          {actionPlanStatuses.map((s) => (
            <option key={s} value={s}>
              {planStatusLabels[s]}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={move.error} title="Could not move the plan" />
      <button
        type="button"
        className="button button-small button-ghost"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide details' : plan.status === 'done' ? 'Follow-up result' : 'Details'}
      </button>
      {open && <FollowUp planId={plan.id} />}
    </li>
  );
}
