import type { CaseStatus } from '@valueloop/contracts';

/**
 * The case life cycle: new → in progress → waiting on customer → resolved → closed. Work may
 * skip ahead (a case solved on the first call goes new → resolved); resolved and closed cases
 * reopen to in progress. Anything else is refused (422 naming `status`).
 */
const allowed: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['in_progress', 'waiting_on_customer', 'resolved'],
  in_progress: ['waiting_on_customer', 'resolved'],
  waiting_on_customer: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return allowed[from].includes(to);
}

export const allowedTransitions = (from: CaseStatus) => allowed[from];

/** Resolved and closed cases need a root cause: the outer loop counts them by it. */
export const needsRootCause = (status: CaseStatus) => status === 'resolved' || status === 'closed';
