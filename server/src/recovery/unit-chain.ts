import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';

export interface ChainUnit {
  id: string;
  managerId: string | null;
  /** 0: the unit itself, 1: its parent, … */
  depth: number;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** A unit and its ancestors up to the root, nearest first (same organization only). */
export async function unitChain(db: DbOrTx, orgId: string, unitId: string): Promise<ChainUnit[]> {
  const rows = rowsOf<{ id: string; manager_id: string | null; depth: number }>(
    await db.execute(sql`
      with recursive chain(id, parent_id, manager_id, depth) as (
        select id, parent_id, manager_id, 0 from units where org_id = ${orgId} and id = ${unitId}
        union all
        select u.id, u.parent_id, u.manager_id, c.depth + 1
        from units u join chain c on u.id = c.parent_id
        where u.org_id = ${orgId} and c.depth < 64
      )
      select id, manager_id, depth from chain order by depth`),
  );
  return rows.map((r) => ({ id: r.id, managerId: r.manager_id, depth: Number(r.depth) }));
}

/** Units `personId` manages and every unit below them, as a subquery of ids. */
export function managedUnits(orgId: string, personId: string) {
  return sql`(
    with recursive managed(id) as (
      select id from units where org_id = ${orgId} and manager_id = ${personId}
      union
      select u.id from units u join managed m on u.parent_id = m.id where u.org_id = ${orgId}
    )
    select id from managed
  )`;
}
