import { eq, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { people } from '../db/schema/index.ts';
import type { Visibility } from '../policies/index.ts';

/** `column` is the unit `rootUnitId` or any unit below it (same organization). */
export function inUnitSubtree(column: AnyPgColumn, orgId: string, rootUnitId: string): SQL {
  return sql`${column} in (
    with recursive subtree(id) as (
      select id from units where org_id = ${orgId} and id = ${rootUnitId}
      union
      select u.id from units u join subtree s on u.parent_id = s.id where u.org_id = ${orgId}
    )
    select id from subtree
  )`;
}

/** The people rows a visibility allows, as a condition (always combine with the org scope). */
export function peopleVisibleTo(orgId: string, visibility: Visibility): SQL | undefined {
  switch (visibility.kind) {
    case 'organization':
      return undefined;
    case 'subtree':
      return or(
        inUnitSubtree(people.unitId, orgId, visibility.rootUnitId),
        eq(people.id, visibility.selfId),
      );
    case 'self':
      return eq(people.id, visibility.personId);
  }
}

/** People who count in a headcount: no exit date, or one still in the future. */
export const currentPerson = sql`(${people.exitDate} is null or ${people.exitDate} > current_date)`;

export const keysetAfter = (
  key: AnyPgColumn,
  id: AnyPgColumn,
  after: { key: string; id: string },
) => sql`(${key}, ${id}) > (${after.key}, ${after.id}::uuid)`;
