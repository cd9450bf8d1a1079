import { Link } from '@tanstack/react-router';
import type { Role } from '@valueloop/contracts';
import { useSession } from '../../session.ts';

interface LoopTab {
  to: '/loop/plans' | '/loop/approvals' | '/loop/ledger' | '/loop/root-causes';
  label: string;
  roles: readonly Role[];
}

const everyone: readonly Role[] = ['admin', 'analyst', 'executive', 'manager', 'employee'];

/** The closed-loop section's pages and who sees them; the server enforces the same rules. */
export const loopTabs: readonly LoopTab[] = [
  { to: '/loop/plans', label: 'Action plans', roles: everyone },
  { to: '/loop/approvals', label: 'Approvals', roles: ['admin', 'manager'] },
  { to: '/loop/ledger', label: 'Recovery ledger', roles: everyone },
  { to: '/loop/root-causes', label: 'Root causes', roles: everyone },
];

export function LoopTabs() {
  const { data: session } = useSession();
  if (!session) return null;
  const items = loopTabs.filter((t) => t.roles.some((r) => session.person.roles.includes(r)));
  return (
    <nav aria-label="Closed loop" className="pulse-tabs">
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <Link
              to={item.to}
              className="tab"
              activeProps={{ className: 'tab active', 'aria-current': 'page' }}
              activeOptions={{ exact: true, includeSearch: false }}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
