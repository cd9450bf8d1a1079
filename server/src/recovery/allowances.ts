import type { recoveryAllowanceBodySchema } from '@valueloop/contracts';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { people, recoveryActions, recoveryAllowances, units } from '../db/schema/index.ts';
import { AppError, notFound, validationFailed } from '../http/errors.ts';
import { type Cents, fromCents, toCents } from './money.ts';
import { unitChain } from './unit-chain.ts';

type AllowanceRow = typeof recoveryAllowances.$inferSelect;
type AllowanceBody = z.infer<typeof recoveryAllowanceBodySchema>;
export type AllowancePeriod = AllowanceRow['period'];

export const presentAllowance = (r: AllowanceRow) => ({
  id: r.id,
  role: r.role,
  unitId: r.unitId,
  perCaseCap: fromCents(toCents(r.perCaseCap)),
  periodBudget: fromCents(toCents(r.periodBudget)),
  period: r.period,
});

export async function listAllowances(opts: { db: DbOrTx; orgId: string }) {
  const rows = await opts.db
    .select()
    .from(recoveryAllowances)
    .where(eq(recoveryAllowances.orgId, opts.orgId))
    .orderBy(asc(recoveryAllowances.role), asc(recoveryAllowances.createdAt));
  return { items: rows.map(presentAllowance) };
}

/**
 * Sets the allowance of a role in a unit (unit null: the organization-wide default), one row
 * per (role, unit). The per-case cap can never exceed the period budget.
 */
export async function upsertAllowance(opts: { db: DbOrTx; orgId: string; body: AllowanceBody }) {
  const { db, orgId, body } = opts;
  if (toCents(body.perCaseCap) > toCents(body.periodBudget)) {
    throw validationFailed(
      [{ field: 'body.perCaseCap', message: 'must not exceed periodBudget' }],
      'perCaseCap: must not exceed periodBudget',
    );
  }
  if (body.unitId) {
    const [unit] = await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.orgId, orgId), eq(units.id, body.unitId)));
    if (!unit) {
      throw validationFailed(
        [{ field: 'body.unitId', message: 'no such unit' }],
        'unitId: no such unit',
      );
    }
  }
  const values = {
    perCaseCap: body.perCaseCap,
    periodBudget: body.periodBudget,
    period: body.period,
  };
  const sameKey = and(
    eq(recoveryAllowances.orgId, orgId),
    eq(recoveryAllowances.role, body.role),
    body.unitId ? eq(recoveryAllowances.unitId, body.unitId) : isNull(recoveryAllowances.unitId),
  );
  const [updated] = await db.update(recoveryAllowances).set(values).where(sameKey).returning();
  if (updated) return presentAllowance(updated);
  try {
    const [inserted] = await db
      .insert(recoveryAllowances)
      .values({ orgId, role: body.role, unitId: body.unitId, ...values })
      .returning();
    return presentAllowance(inserted!);
  } catch (error) {
    // Two admins creating the same (role, unit) row at once: the unique index keeps one.
    throw new AppError('conflict', 'This allowance was just created by someone else; reload', {
      cause: error,
    });
  }
}

export async function deleteAllowance(opts: { db: DbOrTx; orgId: string; id: string }) {
  const deleted = await opts.db
    .delete(recoveryAllowances)
    .where(and(eq(recoveryAllowances.orgId, opts.orgId), eq(recoveryAllowances.id, opts.id)))
    .returning({ id: recoveryAllowances.id });
  if (deleted.length === 0) throw notFound('Allowance');
}

/** First day (UTC) of the month or quarter containing `now`, as YYYY-MM-DD. */
export function periodStartOf(period: AllowancePeriod, now: Date): string {
  const month = now.getUTCMonth();
  const first = period === 'quarter' ? month - (month % 3) : month;
  return new Date(Date.UTC(now.getUTCFullYear(), first, 1)).toISOString().slice(0, 10);
}

export interface ResolvedAllowance {
  role: 'employee' | 'manager';
  /** The unit the person's recoveries are charged to (null: no unit, and none managed). */
  unitId: string | null;
  source: 'unit' | 'ancestor' | 'organization' | 'none';
  perCaseCap: Cents;
  periodBudget: Cents;
  period: AllowancePeriod;
}

/**
 * What a person may spend on the spot: the most specific row for their role (manager if they
 * manage a unit, else employee) — their own unit's, else the nearest ancestor's, else the
 * organization-wide row. No row at all: a zero allowance, so every recovery needs approval.
 */
export async function resolveAllowance(opts: {
  db: DbOrTx;
  orgId: string;
  personId: string;
}): Promise<ResolvedAllowance> {
  const { db, orgId, personId } = opts;
  const [person] = await db
    .select({ unitId: people.unitId })
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.id, personId)));
  const [managed] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.orgId, orgId), eq(units.managerId, personId)))
    .orderBy(asc(units.createdAt))
    .limit(1);
  const role = managed ? 'manager' : 'employee';
  const unitId = person?.unitId ?? managed?.id ?? null;
  const chain = unitId ? await unitChain(db, orgId, unitId) : [];
  const rows = await db
    .select()
    .from(recoveryAllowances)
    .where(and(eq(recoveryAllowances.orgId, orgId), eq(recoveryAllowances.role, role)));
  const byUnit = new Map(rows.map((r) => [r.unitId ?? '', r]));
  for (const unit of chain) {
    const row = byUnit.get(unit.id);
    if (row) return fromRow(role, unitId, unit.depth === 0 ? 'unit' : 'ancestor', row);
  }
  const orgRow = byUnit.get('');
  if (orgRow) return fromRow(role, unitId, 'organization', orgRow);
  return { role, unitId, source: 'none', perCaseCap: 0, periodBudget: 0, period: 'month' };
}

function fromRow(
  role: ResolvedAllowance['role'],
  unitId: string | null,
  source: ResolvedAllowance['source'],
  row: AllowanceRow,
): ResolvedAllowance {
  return {
    role,
    unitId,
    source,
    perCaseCap: toCents(row.perCaseCap),
    periodBudget: toCents(row.periodBudget),
    period: row.period,
  };
}

/** Statuses that cost money: taken on the spot, or approved. */
export const spendingStatuses = ['taken', 'approved'] as const;

/** What a person spent in a unit since `since` (YYYY-MM-DD, UTC), in cents. */
export async function spentSince(opts: {
  db: DbOrTx;
  orgId: string;
  personId: string;
  unitId: string;
  since: string;
}): Promise<Cents> {
  const [row] = await opts.db
    .select({ total: sql<string>`coalesce(sum(${recoveryActions.amount}), 0)::text` })
    .from(recoveryActions)
    .where(
      and(
        eq(recoveryActions.orgId, opts.orgId),
        eq(recoveryActions.takenBy, opts.personId),
        eq(recoveryActions.unitId, opts.unitId),
        inArray(recoveryActions.status, [...spendingStatuses]),
        sql`${recoveryActions.createdAt} >= ${`${opts.since}T00:00:00Z`}::timestamptz`,
      ),
    );
  return toCents(row?.total ?? '0');
}
