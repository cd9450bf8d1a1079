import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { people } from '../db/schema/index.ts';
import { forbidden } from '../http/errors.ts';
import { unitChain } from './unit-chain.ts';

/**
 * Who approves a recovery charged to `unitId`: the nearest manager up the tree who is not the
 * taker. With nobody above (a root manager's own recovery), the organization's admins.
 */
export async function findApprovers(opts: {
  db: DbOrTx;
  orgId: string;
  unitId: string;
  takerId: string;
}): Promise<string[]> {
  const chain = await unitChain(opts.db, opts.orgId, opts.unitId);
  const manager = chain.find((u) => u.managerId && u.managerId !== opts.takerId)?.managerId;
  if (manager) return [manager];
  const admins = await opts.db
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        eq(people.orgId, opts.orgId),
        ne(people.id, opts.takerId),
        sql`'admin' = any(${people.roles})`,
      ),
    );
  return admins.map((a) => a.id);
}

/**
 * May `deciderId` approve or reject this recovery? Admins may; managers only for a unit on
 * the chain from the recovery's unit up to the root; nobody decides on their own recovery.
 */
export async function assertMayDecide(opts: {
  db: DbOrTx;
  orgId: string;
  deciderId: string;
  isAdmin: boolean;
  action: { takenBy: string; unitId: string };
}): Promise<void> {
  if (opts.action.takenBy === opts.deciderId) {
    throw forbidden('Nobody may decide on their own recovery; it goes to your manager');
  }
  if (opts.isAdmin) return;
  const chain = await unitChain(opts.db, opts.orgId, opts.action.unitId);
  if (!chain.some((u) => u.managerId === opts.deciderId)) {
    throw forbidden('Only a manager of the unit (or above it) may decide on this recovery');
  }
}
