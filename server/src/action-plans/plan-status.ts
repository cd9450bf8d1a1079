import type { ActionPlanStatus } from '@valueloop/contracts';
import { validationFailed } from '../http/errors.ts';

/**
 * Where a plan may go from each status. A finished plan can be reopened (done → in progress)
 * and a dropped one revived (dropped → planned); staying in the same status is always fine.
 */
export const planTransitions: Record<ActionPlanStatus, readonly ActionPlanStatus[]> = {
  planned: ['in_progress', 'done', 'dropped'],
  in_progress: ['planned', 'done', 'dropped'],
  done: ['in_progress'],
  dropped: ['planned'],
};

export function checkPlanTransition(from: ActionPlanStatus, to: ActionPlanStatus): void {
  if (from === to || planTransitions[from].includes(to)) return;
  const allowed = planTransitions[from].join(', ');
  throw validationFailed([
    { field: 'body.status', message: `cannot go from ${from} to ${to} (allowed: ${allowed})` },
  ]);
}
