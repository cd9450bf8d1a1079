import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { meQuery, unitTreeQuery } from '../../api/queries.ts';
import { hasRole, useSession } from '../../session.ts';
import { type UnitOption, unitOptions } from './unit-options.ts';
import { subtreeIds } from './unit-rows.ts';

/**
 * The units this viewer may pick on a results page, mirroring the server's visibility:
 * organization-wide roles every unit, a manager their own unit's subtree, an employee none
 * (their own unit is the server's default).
 */
export function useUnitScope(): { options: UnitOption[]; myUnitId: string | null } {
  const { data: session } = useSession();
  const orgWide = session ? hasRole(session, 'admin', 'analyst', 'executive') : false;
  const manager = session ? hasRole(session, 'manager') : false;
  const me = useQuery(meQuery);
  const tree = useQuery({ ...unitTreeQuery, enabled: orgWide || manager });
  const myUnitId = me.data?.unit?.id ?? null;
  const options = useMemo(() => {
    if (!tree.data) return [];
    if (orgWide) return unitOptions(tree.data.units, null);
    if (manager && myUnitId)
      return unitOptions(tree.data.units, subtreeIds(tree.data.units, myUnitId));
    return [];
  }, [tree.data, orgWide, manager, myUnitId]);
  return { options, myUnitId };
}

/** Roles that may read pulse programs, participation and retention (pulses.read, retention.read). */
export const readsPrograms = (roles: readonly string[]) =>
  ['admin', 'analyst', 'executive', 'manager'].some((r) => roles.includes(r));
