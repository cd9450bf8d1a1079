import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { units } from '../db/schema/index.ts';
import { inUnitSubtree } from '../org/scope.ts';

/** The ids of a unit and every unit below it (same organization). */
export async function unitSubtreeIds(opts: {
  db: DbOrTx;
  orgId: string;
  unitId: string;
}): Promise<string[]> {
  const rows = await opts.db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.orgId, opts.orgId), inUnitSubtree(units.id, opts.orgId, opts.unitId)));
  return rows.map((r) => r.id);
}
