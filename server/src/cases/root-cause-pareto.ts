import { and, count, desc, eq, gte, isNotNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { cases, rootCauses } from '../db/schema/index.ts';
import { inUnitSubtree } from '../org/scope.ts';
import { type CaseViewer, casesVisibleTo, withCaseReach } from './case-visibility.ts';

const dayAfter = (isoDate: string) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000);

/**
 * Resolved (and closed) cases per root cause, most frequent first, with the cumulative share
 * (the Pareto curve): only cases the viewer may see, resolved within [from, to] (UTC days).
 */
export async function rootCausePareto(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: CaseViewer;
  from?: string;
  to?: string;
  unitId?: string;
}) {
  const { orgId } = opts;
  const rows = await opts.db
    .select({ id: rootCauses.id, name: rootCauses.name, count: count() })
    .from(cases)
    .innerJoin(rootCauses, eq(rootCauses.id, cases.rootCauseId))
    .where(
      and(
        eq(cases.orgId, orgId),
        casesVisibleTo(orgId, await withCaseReach(opts.db, orgId, opts.viewer)),
        isNotNull(cases.resolvedAt),
        opts.from ? gte(cases.resolvedAt, new Date(`${opts.from}T00:00:00Z`)) : undefined,
        opts.to ? lt(cases.resolvedAt, dayAfter(opts.to)) : undefined,
        opts.unitId ? inUnitSubtree(cases.unitId, orgId, opts.unitId) : undefined,
      ),
    )
    .groupBy(rootCauses.id, rootCauses.name)
    .orderBy(desc(count()), rootCauses.name);
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  let running = 0;
  return {
    total,
    items: rows.map((r) => {
      running += r.count;
      return {
        rootCause: { id: r.id, name: r.name },
        count: r.count,
        cumulativeShare: total === 0 ? 0 : running / total,
      };
    }),
  };
}
