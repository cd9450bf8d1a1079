import { useQuery } from '@tanstack/react-query';
import type { Role, Session } from '@valueloop/contracts';
import { getSession } from './api/endpoints.ts';

export const sessionQueryKey = ['session'] as const;

export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: getSession, staleTime: 60_000 });
}

/** The role whose home page a person sees first, when they hold several. */
const rolePriority: readonly Role[] = ['admin', 'executive', 'analyst', 'manager', 'employee'];

export function primaryRole(session: Session): Role {
  return rolePriority.find((r) => session.person.roles.includes(r)) ?? 'employee';
}

export function hasRole(session: Session, ...roles: Role[]): boolean {
  return session.person.roles.some((r) => roles.includes(r));
}

export const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  analyst: 'Analyst',
  executive: 'Executive',
  manager: 'Manager',
  employee: 'Employee',
};
