import type { Role } from '@valueloop/contracts';

export interface NavItem {
  to:
    | '/'
    | '/explorer'
    | '/people'
    | '/surveys'
    | '/responses'
    | '/pulse'
    | '/cases'
    | '/loop/plans'
    | '/admin/rules'
    | '/admin/loop-settings'
    | '/admin/import'
    | '/admin/tokens'
    | '/admin/mailbox';
  label: string;
  roles: readonly Role[];
}

const everyone: readonly Role[] = ['admin', 'analyst', 'executive', 'manager', 'employee'];

/** Navigation entries and who sees them; the server enforces the same rules. */
export const navItems: readonly NavItem[] = [
  { to: '/', label: 'Home', roles: everyone },
  { to: '/explorer', label: 'Organization', roles: everyone },
  { to: '/people', label: 'People', roles: everyone },
  { to: '/surveys', label: 'Surveys', roles: ['admin', 'analyst'] },
  { to: '/responses', label: 'Responses', roles: ['admin', 'analyst', 'executive', 'manager'] },
  // One entry for the employee-voice pages; their own tabs (pages/pulse/pulse-nav.ts) follow roles.
  { to: '/pulse', label: 'Employee voice', roles: everyone },
  { to: '/cases', label: 'Cases', roles: everyone },
  // One entry for the outer loop; its tabs (pages/loop/LoopTabs.tsx) lead to approvals, ledger, causes.
  { to: '/loop/plans', label: 'Closed loop', roles: everyone },
  { to: '/admin/rules', label: 'Case rules', roles: ['admin', 'analyst'] },
  { to: '/admin/loop-settings', label: 'Closed-loop settings', roles: ['admin', 'analyst'] },
  { to: '/admin/import', label: 'Import', roles: ['admin'] },
  { to: '/admin/tokens', label: 'API tokens', roles: ['admin'] },
  { to: '/admin/mailbox', label: 'Mailbox', roles: ['admin'] },
];

export function navFor(roles: readonly Role[]): NavItem[] {
  return navItems.filter((item) => item.roles.some((r) => roles.includes(r)));
}
