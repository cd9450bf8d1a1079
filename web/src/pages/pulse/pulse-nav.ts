import type { Role } from '@valueloop/contracts';

export type PulsePath =
  | '/pulse'
  | '/pulse/heatmap'
  | '/pulse/internal-service'
  | '/pulse/upward'
  | '/pulse/participation'
  | '/pulse/retention'
  | '/pulse/programs'
  | '/pulse/hr-import';

export interface PulseNavItem {
  to: PulsePath;
  label: string;
  roles: readonly Role[];
}

const everyone: readonly Role[] = ['admin', 'analyst', 'executive', 'manager', 'employee'];
const readers: readonly Role[] = ['admin', 'analyst', 'executive', 'manager'];

/**
 * The employee-voice pages and who sees them; the server enforces the same rules
 * (employeeResults.read: everyone, scoped; pulses.read and retention.read: readers;
 * upwardResults.read: organization-wide roles; pulses.manage: admin, analyst; hr.import: admin).
 */
export const pulseNavItems: readonly PulseNavItem[] = [
  { to: '/pulse', label: 'Team pulse', roles: everyone },
  { to: '/pulse/heatmap', label: 'Heatmap', roles: readers },
  { to: '/pulse/internal-service', label: 'Internal service', roles: readers },
  { to: '/pulse/upward', label: 'Value for managers', roles: ['admin', 'analyst', 'executive'] },
  { to: '/pulse/participation', label: 'Participation', roles: readers },
  { to: '/pulse/retention', label: 'Retention', roles: readers },
  { to: '/pulse/programs', label: 'Pulse programs', roles: ['admin', 'analyst'] },
  { to: '/pulse/hr-import', label: 'HR import', roles: ['admin'] },
];

export function pulseNavFor(roles: readonly Role[]): PulseNavItem[] {
  return pulseNavItems.filter((item) => item.roles.some((r) => roles.includes(r)));
}
