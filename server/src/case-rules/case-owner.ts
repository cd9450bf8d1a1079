import type { CaseRuleOwner } from '@valueloop/contracts';
import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { caseQueues, people } from '../db/schema/index.ts';

/** Who a new case belongs to: one person, or a queue whose members pick it up. */
export interface CaseOwnership {
  ownerId: string | null;
  queueId: string | null;
  /** People to tell about the new case. */
  notifyIds: string[];
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** People who have not left (no exit date, or one still in the future). */
const stillEmployed = () => or(isNull(people.exitDate), gt(people.exitDate, sql`current_date`));

async function employedIn(db: DbOrTx, orgId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.orgId, orgId), inArray(people.id, ids), stillEmployed()));
  const found = new Set(rows.map((r) => r.id));
  return ids.filter((id) => found.has(id));
}

/** The nearest manager (still employed) of the unit or, when it has none, of its ancestors. */
export async function nearestUnitManager(
  db: DbOrTx,
  orgId: string,
  unitId: string | null,
): Promise<string | null> {
  if (!unitId) return null;
  const rows = rowsOf<{ manager_id: string }>(
    await db.execute(sql`
      with recursive chain as (
        select id, parent_id, manager_id, 0 as depth from units
        where id = ${unitId} and org_id = ${orgId}
        union all
        select u.id, u.parent_id, u.manager_id, c.depth + 1 from units u
        join chain c on u.id = c.parent_id
        where c.depth < 64
      )
      select c.manager_id from chain c
      join people p on p.id = c.manager_id
      where p.exit_date is null or p.exit_date > current_date
      order by c.depth
      limit 1`),
  );
  return rows[0]?.manager_id ?? null;
}

/**
 * Resolves rules' owners for one response: the serving employee (if still employed here, else
 * the unit manager), the unit manager up the tree, or a queue (a deleted queue falls back to the
 * unit manager so the case is never orphaned). Memoized: several rules matching the same
 * response share the lookups.
 */
export function createOwnerResolver(opts: {
  db: DbOrTx;
  orgId: string;
  unitId: string | null;
  employeeId: string | null;
}): (owner: CaseRuleOwner) => Promise<CaseOwnership> {
  const { db, orgId } = opts;
  let manager: Promise<string | null> | null = null;
  let employee: Promise<string | null> | null = null;
  const queues = new Map<string, Promise<CaseOwnership | null>>();
  const person = (ownerId: string | null): CaseOwnership => ({
    ownerId,
    queueId: null,
    notifyIds: ownerId ? [ownerId] : [],
  });
  const unitManager = async () => {
    manager ??= nearestUnitManager(db, orgId, opts.unitId);
    return person(await manager);
  };
  const queueOf = async (queueId: string): Promise<CaseOwnership | null> => {
    const [queue] = await db
      .select({ id: caseQueues.id, memberIds: caseQueues.memberIds })
      .from(caseQueues)
      .where(and(eq(caseQueues.orgId, orgId), eq(caseQueues.id, queueId)));
    if (!queue) return null;
    return {
      ownerId: null,
      queueId: queue.id,
      notifyIds: await employedIn(db, orgId, queue.memberIds),
    };
  };
  return async (owner) => {
    if (owner.kind === 'queue') {
      let found = queues.get(owner.queueId);
      if (!found) {
        found = queueOf(owner.queueId);
        queues.set(owner.queueId, found);
      }
      return (await found) ?? unitManager();
    }
    if (owner.kind === 'serving_employee' && opts.employeeId) {
      const employeeId = opts.employeeId;
      employee ??= employedIn(db, orgId, [employeeId]).then((ids) => ids[0] ?? null);
      const serving = await employee;
      if (serving) return person(serving);
    }
    return unitManager();
  };
}
