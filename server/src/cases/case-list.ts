import type { casesQuerySchema } from '@valueloop/contracts';
import { and, asc, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { cases } from '../db/schema/index.ts';
import { decodeCursor, pageFrom } from '../org/cursor.ts';
import { inUnitSubtree } from '../org/scope.ts';
import { businessClockFrom } from './business-clock.ts';
import { businessHoursOf } from './business-time.ts';
import { type CaseSummaryRow, presentCaseSummary, selectCaseSummaries } from './case-summary.ts';
import { type CaseViewer, casesVisibleTo, withCaseReach } from './case-visibility.ts';

export type CasesQuery = z.output<typeof casesQuerySchema>;

/** 0 = urgent … 3 = low: ascending order puts the most urgent first. */
const priorityOrder = sql<number>`(case ${cases.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end)`;

/**
 * Each sort is a keyset: the cursor carries the sort key as Postgres text (microseconds kept,
 * so no row is skipped or repeated) and the id as the tie-breaker.
 */
const sorts = {
  due: {
    key: sql<string>`${cases.dueAt}::text`,
    order: [asc(cases.dueAt), asc(cases.id)],
    after: (key: string, id: string) =>
      sql`(${cases.dueAt}, ${cases.id}) > (${key}::timestamptz, ${id}::uuid)`,
  },
  opened: {
    key: sql<string>`${cases.openedAt}::text`,
    order: [desc(cases.openedAt), desc(cases.id)],
    after: (key: string, id: string) =>
      sql`(${cases.openedAt}, ${cases.id}) < (${key}::timestamptz, ${id}::uuid)`,
  },
  priority: {
    key: sql<string>`${priorityOrder}::text || '|' || ${cases.dueAt}::text`,
    order: [asc(priorityOrder), asc(cases.dueAt), asc(cases.id)],
    after: (key: string, id: string) => {
      const [rank = '0', due = ''] = key.split('|');
      return sql`(${priorityOrder}, ${cases.dueAt}, ${cases.id}) > (${Number(rank)}::int, ${due}::timestamptz, ${id}::uuid)`;
    },
  },
} as const;

function ownerFilter(ownerId: CasesQuery['ownerId'], viewer: CaseViewer): SQL | undefined {
  if (ownerId === undefined) return undefined;
  if (ownerId === 'none') return isNull(cases.ownerId);
  if (ownerId === 'me') {
    // An API token is nobody: "my cases" is empty for it.
    return viewer.kind === 'person' ? eq(cases.ownerId, viewer.personId) : sql`false`;
  }
  return eq(cases.ownerId, ownerId);
}

/** The case inbox: visible cases, filtered, one keyset page in the chosen order. */
export async function listCases(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: CaseViewer;
  query: CasesQuery;
  now?: Date;
}) {
  const { db, orgId, query } = opts;
  const sort = sorts[query.sort];
  const after = decodeCursor(query.cursor);
  const rows = await selectCaseSummaries(
    db,
    and(
      eq(cases.orgId, orgId),
      casesVisibleTo(orgId, await withCaseReach(db, orgId, opts.viewer)),
      query.status ? inArray(cases.status, query.status) : undefined,
      ownerFilter(query.ownerId, opts.viewer),
      query.unitId ? inUnitSubtree(cases.unitId, orgId, query.unitId) : undefined,
      query.priority ? eq(cases.priority, query.priority) : undefined,
      query.breached === 'true' ? isNotNull(cases.breachedAt) : undefined,
      query.breached === 'false' ? isNull(cases.breachedAt) : undefined,
      after ? sort.after(after.key, after.id) : undefined,
    ),
  )
    .orderBy(...sort.order)
    .limit(query.limit + 1);
  const keys = await sortKeysOf(db, query.sort, rows, query.limit);
  const page = pageFrom(rows, query.limit, (r) => ({
    key: keys.get(r.case.id) ?? '',
    id: r.case.id,
  }));
  const clock = businessClockFrom(opts.now ?? new Date(), await businessHoursOf(db, orgId));
  return {
    items: page.rows.map((r) => presentCaseSummary(r, clock)),
    nextCursor: page.nextCursor,
  };
}

/** The exact sort key of the last row only (one tiny query; JS dates would drop microseconds). */
async function sortKeysOf(
  db: DbOrTx,
  sort: CasesQuery['sort'],
  rows: CaseSummaryRow[],
  limit: number,
) {
  const keys = new Map<string, string>();
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  if (!last) return keys;
  const [row] = await db
    .select({ key: sorts[sort].key })
    .from(cases)
    .where(eq(cases.id, last.case.id));
  if (row) keys.set(last.case.id, row.key);
  return keys;
}
