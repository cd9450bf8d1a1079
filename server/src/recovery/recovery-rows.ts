import type { RecoveryAction } from '@valueloop/contracts';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';
import { cases, people, recoveryActions, units } from '../db/schema/index.ts';
import { fromCents, toCents } from './money.ts';

const taker = alias(people, 'taker');
const decider = alias(people, 'decider');

/** Recovery actions with the names the presenter shows, newest first. */
export async function selectRecoveryRows(opts: {
  db: DbOrTx;
  orgId: string;
  where?: SQL;
  limit?: number;
}): Promise<RecoveryAction[]> {
  const query = opts.db
    .select({
      action: recoveryActions,
      caseNumber: cases.number,
      takerName: taker.name,
      unitName: units.name,
      deciderName: decider.name,
    })
    .from(recoveryActions)
    .innerJoin(cases, eq(cases.id, recoveryActions.caseId))
    .innerJoin(taker, eq(taker.id, recoveryActions.takenBy))
    .innerJoin(units, eq(units.id, recoveryActions.unitId))
    .leftJoin(decider, eq(decider.id, recoveryActions.decidedBy))
    .where(and(eq(recoveryActions.orgId, opts.orgId), opts.where))
    .orderBy(desc(recoveryActions.createdAt), desc(recoveryActions.id));
  const rows = opts.limit ? await query.limit(opts.limit) : await query;
  return rows.map(({ action: a, caseNumber, takerName, unitName, deciderName }) => ({
    id: a.id,
    caseId: a.caseId,
    caseNumber,
    takenBy: { id: a.takenBy, name: takerName },
    unit: { id: a.unitId, name: unitName },
    type: a.type,
    amount: fromCents(toCents(a.amount)),
    currency: a.currency,
    note: a.note,
    status: a.status,
    decidedBy: a.decidedBy && deciderName !== null ? { id: a.decidedBy, name: deciderName } : null,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    decisionNote: a.decisionNote,
    createdAt: a.createdAt.toISOString(),
  }));
}

export async function findRecoveryRow(db: DbOrTx, orgId: string, id: string) {
  const [row] = await selectRecoveryRows({ db, orgId, where: eq(recoveryActions.id, id) });
  return row!;
}
