import type {
  recoveryLedgerQuerySchema,
  recoveryStatuses,
  recoveryTypes,
} from '@valueloop/contracts';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import { organizations, people, recoveryActions } from '../db/schema/index.ts';
import { validationFailed } from '../http/errors.ts';
import { inUnitSubtree } from '../org/scope.ts';
import { periodStartOf, resolveAllowance, spentSince } from './allowances.ts';
import { type Cents, fromCents, toCents } from './money.ts';
import { selectRecoveryRows } from './recovery-rows.ts';
import {
  assertPersonReadable,
  assertUnitReadable,
  type RecoveryReader,
  recoveriesVisibleTo,
} from './recovery-scope.ts';

type LedgerQuery = z.infer<typeof recoveryLedgerQuerySchema>;
type RecoveryType = (typeof recoveryTypes)[number];
type RecoveryStatus = (typeof recoveryStatuses)[number];

const LEDGER_ROWS = 500;
const BUDGET_PEOPLE = 100;

/** Inclusive UTC date range; default the current month up to today. Bad order → 422 `to`. */
export function dateRange(q: { from?: string; to?: string }, now: Date) {
  const from = q.from ?? periodStartOf('month', now);
  const to = q.to ?? now.toISOString().slice(0, 10);
  if (to < from) {
    throw validationFailed(
      [{ field: 'query.to', message: 'must not be before from' }],
      'to: must not be before from',
    );
  }
  return { from, to, start: `${from}T00:00:00Z`, endExclusive: `${to}T00:00:00Z` };
}

export const createdInRange = (r: { start: string; endExclusive: string }) =>
  sql`${recoveryActions.createdAt} >= ${r.start}::timestamptz and ${recoveryActions.createdAt} < ${r.endExclusive}::timestamptz + interval '1 day'`;

/**
 * The empowerment ledger: recovery rows in a date range (scoped: employees their own, managers
 * the units they manage, organization-wide readers everything; optionally one unit's subtree
 * or one person), totals by type and status, and each person's spend against their budget for
 * the current period.
 */
export async function getRecoveryLedger(opts: {
  db: Db;
  orgId: string;
  reader: RecoveryReader;
  query: LedgerQuery;
  now?: Date;
}) {
  const { db, orgId, reader, query } = opts;
  const now = opts.now ?? new Date();
  const range = dateRange(query, now);
  if (query.unitId) await assertUnitReadable(db, orgId, reader, query.unitId);
  if (query.personId) await assertPersonReadable(db, orgId, reader, query.personId);
  const conditions: (SQL | undefined)[] = [
    recoveriesVisibleTo(orgId, reader),
    createdInRange(range),
    query.unitId ? inUnitSubtree(recoveryActions.unitId, orgId, query.unitId) : undefined,
    query.personId ? eq(recoveryActions.takenBy, query.personId) : undefined,
  ];
  const where = and(...conditions);
  const [org] = await db
    .select({ currency: organizations.currency })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const items = await selectRecoveryRows({ db, orgId, where, limit: LEDGER_ROWS });
  const groups = await db
    .select({
      type: recoveryActions.type,
      status: recoveryActions.status,
      count: sql<number>`count(*)::int`,
      amount: sql<string>`sum(${recoveryActions.amount})::text`,
    })
    .from(recoveryActions)
    .where(and(eq(recoveryActions.orgId, orgId), where))
    .groupBy(recoveryActions.type, recoveryActions.status);
  return {
    currency: org!.currency,
    from: range.from,
    to: range.to,
    items,
    totals: totalsOf(groups),
    budgets: await budgetsOf(db, orgId, where, now),
  };
}

type Tally = { count: number; cents: Cents };
function tally<K>(map: Map<K, Tally>, key: K, count: number, cents: Cents) {
  const t = map.get(key) ?? { count: 0, cents: 0 };
  map.set(key, { count: t.count + count, cents: t.cents + cents });
}

function totalsOf(
  groups: { type: RecoveryType; status: RecoveryStatus; count: number; amount: string }[],
) {
  const byType = new Map<RecoveryType, Tally>();
  const byStatus = new Map<RecoveryStatus, Tally>();
  let count = 0;
  let cents = 0;
  let spent = 0;
  for (const g of groups) {
    const c = toCents(g.amount);
    count += g.count;
    cents += c;
    if (g.status === 'taken' || g.status === 'approved') spent += c;
    tally(byType, g.type, g.count, c);
    tally(byStatus, g.status, g.count, c);
  }
  return {
    count,
    amount: fromCents(cents),
    spent: fromCents(spent),
    byType: [...byType].map(([type, t]) => ({ type, count: t.count, amount: fromCents(t.cents) })),
    byStatus: [...byStatus].map(([status, t]) => ({
      status,
      count: t.count,
      amount: fromCents(t.cents),
    })),
  };
}

/** Spent vs budget in the current period for each person in the ledger (first 100 by name). */
async function budgetsOf(db: Db, orgId: string, where: SQL | undefined, now: Date) {
  const takers = await db
    .selectDistinct({ id: people.id, name: people.name })
    .from(recoveryActions)
    .innerJoin(people, eq(people.id, recoveryActions.takenBy))
    .where(and(eq(recoveryActions.orgId, orgId), where))
    .orderBy(people.name, people.id)
    .limit(BUDGET_PEOPLE);
  const budgets = [];
  for (const person of takers) {
    const allowance = await resolveAllowance({ db, orgId, personId: person.id });
    const periodStart = periodStartOf(allowance.period, now);
    const spent = allowance.unitId
      ? await spentSince({
          db,
          orgId,
          personId: person.id,
          unitId: allowance.unitId,
          since: periodStart,
        })
      : 0;
    budgets.push({
      person,
      unitId: allowance.unitId,
      period: allowance.period,
      periodStart,
      spent: fromCents(spent),
      budget: fromCents(allowance.periodBudget),
    });
  }
  return budgets;
}
