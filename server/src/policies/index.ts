import type { Role } from '@valueloop/contracts';
import type { ApiTokenScope, Principal } from '../auth/principal.ts';
import { AppError } from '../http/errors.ts';

/**
 * Who may do what, in one table. Sessions are checked by role, API tokens by scope.
 * Row-level visibility (a manager's subtree, an employee's own record) is `visibilityOf`.
 */
const everyone: readonly Role[] = ['admin', 'analyst', 'executive', 'manager', 'employee'];
const orgWide: readonly Role[] = ['admin', 'analyst', 'executive'];

export const policy = {
  'org.read': { roles: everyone, scopes: ['read'] },
  'org.configure': { roles: ['admin'], scopes: [] },
  'units.read': { roles: everyone, scopes: ['read'] },
  'units.write': { roles: ['admin'], scopes: [] },
  'people.read': { roles: everyone, scopes: ['read'] },
  'people.write': { roles: ['admin'], scopes: [] },
  /** HR facts (pay band) in person records. */
  'people.readPayBand': { roles: ['admin'], scopes: [] },
  'customers.read': { roles: [...orgWide, 'manager'], scopes: ['read'] },
  'customers.write': { roles: ['admin'], scopes: ['ingest'] },
  'imports.run': { roles: ['admin'], scopes: [] },
  'exports.run': { roles: ['admin', 'analyst'], scopes: ['read'] },
  'apiTokens.manage': { roles: ['admin'], scopes: [] },
  'mailbox.read': { roles: ['admin'], scopes: [] },
  'surveys.read': { roles: ['admin', 'analyst', 'executive', 'manager'], scopes: ['read'] },
  'surveys.write': { roles: ['admin', 'analyst'], scopes: [] },
  'interactions.ingest': { roles: ['admin'], scopes: ['ingest'] },
  /** Customer responses; managers and employees are further limited to their units. */
  'responses.read': { roles: [...orgWide, 'manager'], scopes: ['read'] },
  'responses.ingest': { roles: ['admin'], scopes: ['ingest'] },
  'responses.export': { roles: ['admin', 'analyst'], scopes: ['read'] },
  'webhooks.manage': { roles: ['admin'], scopes: [] },
  /** Employee pulse programs and waves (participation counts, never who answered). */
  'pulses.read': { roles: [...orgWide, 'manager'], scopes: ['read'] },
  'pulses.manage': { roles: ['admin', 'analyst'], scopes: [] },
  /**
   * Released (thresholded) employee results; managers see their subtree, employees their own
   * unit. Nobody, admins included, can read an individual employee answer: no route exists.
   */
  'employeeResults.read': { roles: everyone, scopes: ['read'] },
  /** Middle managers' ratings of top management: for executives (and the analysts running it). */
  'upwardResults.read': { roles: orgWide, scopes: ['read'] },
  'hr.import': { roles: ['admin'], scopes: [] },
  'retention.read': { roles: [...orgWide, 'manager'], scopes: ['read'] },
  /**
   * Cases: everyone may work cases, but each case is visible only to its owner, the owner's
   * (and the unit's) management chain, queue members, and the organization's analysts/admins.
   */
  'cases.read': { roles: everyone, scopes: ['read'] },
  'cases.work': { roles: everyone, scopes: [] },
  'caseRules.read': { roles: ['admin', 'analyst'], scopes: ['read'] },
  'caseRules.manage': { roles: ['admin', 'analyst'], scopes: [] },
  /** Root-cause taxonomy, queues and business hours. */
  'loopSettings.manage': { roles: ['admin', 'analyst'], scopes: [] },
  /** Approving recoveries above allowance: managers (of the unit's chain) and admins. */
  'recoveries.decide': { roles: ['admin', 'manager'], scopes: [] },
  'recoveries.read': { roles: [...orgWide, 'manager', 'employee'], scopes: ['read'] },
  'allowances.manage': { roles: ['admin'], scopes: [] },
  'actionPlans.read': { roles: [...orgWide, 'manager', 'employee'], scopes: ['read'] },
  'actionPlans.write': { roles: ['admin', 'analyst', 'manager'], scopes: [] },
  'notifications.read': { roles: everyone, scopes: [] },
} as const satisfies Record<string, { roles: readonly Role[]; scopes: readonly ApiTokenScope[] }>;

export type Action = keyof typeof policy;

export function isAllowed(principal: Principal, action: Action): boolean {
  const rule = policy[action];
  if (principal.kind === 'token') {
    return principal.scopes.some((s) => (rule.scopes as readonly ApiTokenScope[]).includes(s));
  }
  return principal.roles.some((r) => (rule.roles as readonly Role[]).includes(r));
}

export function authorize(principal: Principal, action: Action): void {
  if (!isAllowed(principal, action)) {
    throw new AppError('forbidden', `Your role may not perform ${action}`);
  }
}

/**
 * Which people records a principal may see. Lists are filtered by it; asking for one person
 * who is in the caller's organization but outside their visibility answers 403 (the record
 * exists, you may not see it); an id of another organization answers 404, like any unknown id.
 */
export type Visibility =
  | { kind: 'organization' }
  | { kind: 'subtree'; rootUnitId: string; selfId: string }
  | { kind: 'self'; personId: string };

export function visibilityOf(principal: Principal): Visibility {
  if (principal.kind === 'token') return { kind: 'organization' };
  if (principal.roles.some((r) => orgWide.includes(r))) return { kind: 'organization' };
  if (principal.roles.includes('manager') && principal.unitId) {
    return { kind: 'subtree', rootUnitId: principal.unitId, selfId: principal.personId };
  }
  return { kind: 'self', personId: principal.personId };
}
