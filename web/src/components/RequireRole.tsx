import type { Role } from '@valueloop/contracts';
import type { ReactNode } from 'react';
import { hasRole, useSession } from '../session.ts';

interface Props {
  roles: Role[];
  children: ReactNode;
}

/** Shows its children only to the given roles; the server enforces the same rule. */
export function RequireRole({ roles, children }: Props) {
  const { data: session } = useSession();
  if (!session) return null;
  if (!hasRole(session, ...roles)) {
    return (
      <div className="alert alert-error" role="alert">
        <p>This page is for {roles.join(' or ')} users only.</p>
      </div>
    );
  }
  return <>{children}</>;
}
