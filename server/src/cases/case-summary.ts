import type { CaseSummary } from '@valueloop/contracts';
import { and, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';
import { caseQueues, cases, people, units } from '../db/schema/index.ts';

/** A case row with the names a summary shows. */
export interface CaseSummaryRow {
  case: typeof cases.$inferSelect;
  unitName: string | null;
  ownerName: string | null;
  queueName: string | null;
}

const owner = alias(people, 'case_owner');
const caseUnit = alias(units, 'case_unit');

/** Cases with their unit, owner and queue names; `where` must include the organization. */
export function selectCaseSummaries(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      case: cases,
      unitName: caseUnit.name,
      ownerName: owner.name,
      queueName: caseQueues.name,
    })
    .from(cases)
    .leftJoin(caseUnit, and(eq(caseUnit.id, cases.unitId), eq(caseUnit.orgId, cases.orgId)))
    .leftJoin(owner, and(eq(owner.id, cases.ownerId), eq(owner.orgId, cases.orgId)))
    .leftJoin(caseQueues, and(eq(caseQueues.id, cases.queueId), eq(caseQueues.orgId, cases.orgId)))
    .where(where);
}

export const openCaseStatuses = ['new', 'in_progress', 'waiting_on_customer'] as const;
export const isOpenStatus = (status: string) =>
  (openCaseStatuses as readonly string[]).includes(status);

const ref = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);

/** The public summary: minutes left are business minutes from `now`, null once resolved. */
export function presentCaseSummary(
  row: CaseSummaryRow,
  clock: { minutesUntil(due: Date): number },
): CaseSummary {
  const c = row.case;
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    status: c.status,
    priority: c.priority,
    unit: ref(c.unitId, row.unitName),
    owner: ref(c.ownerId, row.ownerName),
    queue: ref(c.queueId, row.queueName),
    openedAt: c.openedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    minutesLeft: isOpenStatus(c.status) ? clock.minutesUntil(c.dueAt) : null,
    breached: c.breachedAt !== null,
    escalationLevel: c.escalationLevel,
    version: c.version,
  };
}
