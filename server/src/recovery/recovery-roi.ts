import type { RecoveryRoi, recoveryRoiQuerySchema, recoveryTypes } from '@valueloop/contracts';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import { organizations } from '../db/schema/index.ts';
import { type Cents, fromCents, toCents } from './money.ts';
import { dateRange } from './recovery-ledger.ts';
import { assertUnitReadable, type RecoveryReader } from './recovery-scope.ts';
import { managedUnits } from './unit-chain.ts';

/**
 * Recovery outcome and ROI (issue 6, item 4).
 *
 *   retained       a recovered case's customer has a later interaction within WINDOW_DAYS after
 *                  the recovery (taken: its time; approved: the decision) — repurchase proxied by
 *                  interactions until transactions exist
 *   baseline rate  the same share for comparable cases: detractor cases opened in the range, in
 *                  the same scope, with no recovery (later interaction after the case opened)
 *   incremental    max(0, retained − customers × baseline rate): only the lift is credited
 *   retained value incremental × value per retained customer (see `valueBasis`)
 *   ROI            (retained value − cost) / cost
 *
 * The value per retained customer is an assumption the reader states (`valuePerCustomer`), else
 * the mean of customers.attributes.annualValue over the organization's customers, else unknown
 * (retained value and ROI null). Without baseline cases the rate counts as 0.
 * Re-survey score: the mean 0–100 CSAT of the "did we put it right?" answers of those cases.
 */
export const WINDOW_DAYS = 180;
const CUSTOMER_VALUE_ATTRIBUTE = 'annualValue';

type RoiQuery = z.infer<typeof recoveryRoiQuerySchema>;
type RecoveryType = (typeof recoveryTypes)[number];

interface RecoveredRow {
  type: RecoveryType;
  unit_id: string;
  unit_name: string;
  amount: string;
  case_id: string;
  customer_id: string | null;
  retained: boolean;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** `column` lies in the unit's subtree (no unit: true). */
function inSubtree(column: SQL, orgId: string, unitId: string | undefined): SQL {
  if (!unitId) return sql`true`;
  return sql`${column} in (
    with recursive sub(id) as (
      select id from units where org_id = ${orgId} and id = ${unitId}
      union select u.id from units u join sub s on u.parent_id = s.id where u.org_id = ${orgId}
    ) select id from sub)`;
}

/** A person reader's own rows (`person`) or those of units they manage; others: everything. */
function readable(reader: RecoveryReader, orgId: string, person: SQL, unit: SQL): SQL {
  if (reader.kind === 'organization') return sql`true`;
  return sql`(${person} = ${reader.personId} or ${unit} in ${managedUnits(orgId, reader.personId)})`;
}

export async function getRecoveryRoi(opts: {
  db: Db;
  orgId: string;
  reader: RecoveryReader;
  query: RoiQuery;
  now?: Date;
}): Promise<RecoveryRoi> {
  const { db, orgId, reader, query } = opts;
  const range = dateRange(query, opts.now ?? new Date());
  if (query.unitId) await assertUnitReadable(db, orgId, reader, query.unitId);
  const window = sql`${`${WINDOW_DAYS} days`}::interval`;
  const recovered = rowsOf<RecoveredRow>(
    await db.execute(sql`
      select a.type, a.unit_id, u.name as unit_name, a.amount::text as amount, a.case_id,
             c.customer_id,
             exists (
               select 1 from interactions i
               where i.org_id = ${orgId} and i.customer_id = c.customer_id
                 and i.occurred_at > coalesce(a.decided_at, a.created_at)
                 and i.occurred_at <= coalesce(a.decided_at, a.created_at) + ${window}
             ) as retained
      from recovery_actions a
      join cases c on c.id = a.case_id
      join units u on u.id = a.unit_id
      where a.org_id = ${orgId} and a.status in ('taken', 'approved')
        and a.created_at >= ${range.start}::timestamptz
        and a.created_at < ${range.endExclusive}::timestamptz + interval '1 day'
        and ${inSubtree(sql`a.unit_id`, orgId, query.unitId)}
        and ${readable(reader, orgId, sql`a.taken_by`, sql`a.unit_id`)}`),
  );
  const caseIds = [...new Set(recovered.map((r) => r.case_id))];
  const scores = caseIds.length
    ? rowsOf<{ case_id: string; csat: number }>(
        await db.execute(sql`
          select cr.case_id, r.csat
          from case_resurveys cr join responses r on r.invitation_id = cr.invitation_id
          where cr.org_id = ${orgId} and r.status = 'complete' and r.csat is not null
            and cr.case_id in (${sql.join(
              caseIds.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`),
      )
    : [];
  const [baseline] = rowsOf<{ cases: number; customers: number; retained: number }>(
    await db.execute(sql`
      select count(*)::int as cases, count(distinct c.customer_id)::int as customers,
             count(distinct c.customer_id) filter (where exists (
               select 1 from interactions i
               where i.org_id = ${orgId} and i.customer_id = c.customer_id
                 and i.occurred_at > c.opened_at and i.occurred_at <= c.opened_at + ${window}
             ))::int as retained
      from cases c join responses r on r.id = c.response_id
      where c.org_id = ${orgId} and c.customer_id is not null and r.nps_category = 'detractor'
        and c.opened_at >= ${range.start}::timestamptz
        and c.opened_at < ${range.endExclusive}::timestamptz + interval '1 day'
        and ${inSubtree(sql`c.unit_id`, orgId, query.unitId)}
        and ${readable(reader, orgId, sql`c.owner_id`, sql`c.unit_id`)}
        and not exists (
          select 1 from recovery_actions a
          where a.case_id = c.id and a.status in ('taken', 'approved')
        )`),
  );
  const baselineRate =
    baseline && baseline.customers > 0 ? baseline.retained / baseline.customers : null;
  const valueBasis = await valueBasisOf(db, orgId, query.valuePerCustomer);
  const [org] = await db
    .select({ currency: organizations.currency })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const scoresByCase = new Map<string, number[]>();
  for (const s of scores)
    scoresByCase.set(s.case_id, [...(scoresByCase.get(s.case_id) ?? []), Number(s.csat)]);
  const summarize = (rows: RecoveredRow[]) =>
    roiRow(rows, scoresByCase, baselineRate ?? 0, valueBasis.cents);
  const byType = groupBy(recovered, (r) => r.type);
  const byUnit = groupBy(recovered, (r) => r.unit_id);
  return {
    currency: org!.currency,
    from: range.from,
    to: range.to,
    windowDays: WINDOW_DAYS,
    valueBasis: {
      source: valueBasis.source,
      valuePerCustomer: valueBasis.cents === null ? null : fromCents(valueBasis.cents),
      description: valueBasis.description,
    },
    baseline: {
      cases: baseline?.cases ?? 0,
      retainedCustomers: baseline?.retained ?? 0,
      retentionRate: baselineRate,
    },
    total: summarize(recovered),
    byType: [...byType].map(([, rows]) => ({ type: rows[0]!.type, ...summarize(rows) })),
    byUnit: [...byUnit].map(([id, rows]) => ({
      unit: { id, name: rows[0]!.unit_name },
      ...summarize(rows),
    })),
  };
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

/** One ROI row from the recovered actions of a group (see the formula above). */
export function roiRow(
  rows: RecoveredRow[],
  scoresByCase: Map<string, number[]>,
  baselineRate: number,
  valuePerCustomer: Cents | null,
) {
  const cost = rows.reduce((sum, r) => sum + toCents(r.amount), 0);
  const caseIds = new Set(rows.map((r) => r.case_id));
  const customers = new Set(rows.flatMap((r) => (r.customer_id ? [r.customer_id] : [])));
  const retained = new Set(
    rows.flatMap((r) => (r.customer_id && r.retained ? [r.customer_id] : [])),
  );
  const answers = [...caseIds].flatMap((id) => scoresByCase.get(id) ?? []);
  const incremental = Math.max(0, retained.size - customers.size * baselineRate);
  const value = valuePerCustomer === null ? null : Math.round(incremental * valuePerCustomer);
  return {
    actions: rows.length,
    cases: caseIds.size,
    customers: customers.size,
    cost: fromCents(cost),
    resurveyScore: answers.length ? answers.reduce((a, b) => a + b, 0) / answers.length : null,
    resurveyAnswers: answers.length,
    retainedCustomers: retained.size,
    retentionRate: customers.size ? retained.size / customers.size : null,
    incrementalRetained: incremental,
    retainedValue: value === null ? null : fromCents(value),
    roi: value === null || cost === 0 ? null : (value - cost) / cost,
  };
}

async function valueBasisOf(db: Db, orgId: string, stated: string | undefined) {
  if (stated !== undefined) {
    return {
      source: 'query' as const,
      cents: toCents(stated),
      description: 'value per retained customer as stated in the request (valuePerCustomer)',
    };
  }
  const [mean] = rowsOf<{ mean: string | null }>(
    await db.execute(sql`
      select round(avg((attributes ->> ${CUSTOMER_VALUE_ATTRIBUTE})::numeric), 2)::text as mean
      from customers
      where org_id = ${orgId} and jsonb_typeof(attributes -> ${CUSTOMER_VALUE_ATTRIBUTE}) = 'number'`),
  );
  if (mean?.mean) {
    return {
      source: 'customer_attribute' as const,
      cents: toCents(mean.mean),
      description: `mean customers.attributes.${CUSTOMER_VALUE_ATTRIBUTE} of the organization's customers`,
    };
  }
  return {
    source: 'none' as const,
    cents: null,
    description: `no value known: pass valuePerCustomer or import customers with attributes.${CUSTOMER_VALUE_ATTRIBUTE}`,
  };
}
