import { Link } from '@tanstack/react-router';
import { useSession } from '../../session.ts';
import { pulseNavFor } from './pulse-nav.ts';

/** The employee-voice section's own navigation: the pages this person may open. */
export function PulseTabs() {
  const { data: session } = useSession();
  if (!session) return null;
  const items = pulseNavFor(session.person.roles);
  if (items.length < 2) return null;
  return (
    <nav aria-label="Employee voice" className="pulse-tabs">
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
