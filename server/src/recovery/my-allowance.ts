import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organizations } from '../db/schema/index.ts';
import { periodStartOf, resolveAllowance, spentSince } from './allowances.ts';
import { fromCents } from './money.ts';

/** The recovery form's "within allowance" figures: what the caller may still spend now. */
export async function getMyAllowance(opts: {
  db: Db;
  orgId: string;
  personId: string;
  now?: Date;
}) {
  const { db, orgId, personId } = opts;
  const now = opts.now ?? new Date();
  const allowance = await resolveAllowance({ db, orgId, personId });
  const periodStart = periodStartOf(allowance.period, now);
  const spent = allowance.unitId
    ? await spentSince({ db, orgId, personId, unitId: allowance.unitId, since: periodStart })
    : 0;
  const [org] = await db
    .select({ currency: organizations.currency })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return {
    role: allowance.role,
    unitId: allowance.unitId,
    source: allowance.source,
    perCaseCap: fromCents(allowance.perCaseCap),
    periodBudget: fromCents(allowance.periodBudget),
    period: allowance.period,
    periodStart,
    spent: fromCents(spent),
    remaining: fromCents(Math.max(0, allowance.periodBudget - spent)),
    currency: org!.currency,
  };
}
