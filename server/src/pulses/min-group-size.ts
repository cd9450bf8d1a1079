import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { organizations } from '../db/schema/index.ts';

/** The smallest group size ever disclosed: configurable upward only, never below this floor. */
export const MIN_GROUP_SIZE_FLOOR = 3;

/** The organization's k for employee data (participation and results), with the floor applied. */
export async function minGroupSizeOf(db: DbOrTx, orgId: string): Promise<number> {
  const [org] = await db
    .select({ k: organizations.minGroupSize })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return Math.max(MIN_GROUP_SIZE_FLOOR, org?.k ?? 5);
}
