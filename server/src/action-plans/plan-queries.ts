import type {
  ActionPlanDetail,
  ActionPlanLink,
  ActionPlanStatus,
  ActionPlanSummary,
} from '@valueloop/contracts';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';
import { actionPlanLinks, actionPlans, people, units } from '../db/schema/index.ts';
import { notFound } from '../http/errors.ts';
import { decodeCursor, pageFrom } from '../org/cursor.ts';
import { planMeasures } from './measure-movement.ts';
import { type PlanViewer, requirePlanUnitAccess, visiblePlanUnitIds } from './plan-access.ts';
import { labelPlanLinks } from './plan-links.ts';
import { unitSubtreeIds } from './unit-subtree.ts';

const WEEK_MS = 7 * 86_400_000;
const owner = alias(people, 'plan_owner');

export type ActionPlanRow = typeof actionPlans.$inferSelect;

export const followUpDueAt = (plan: Pick<ActionPlanRow, 'createdAt' | 'followUpWeeks'>) =>
  new Date(plan.createdAt.getTime() + plan.followUpWeeks * WEEK_MS);

/** Microsecond text of created_at for the cursor (a millisecond one could skip rows). */
const createdAtText = sql<string>`to_char(${actionPlans.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const linkCount = sql<number>`(select count(*)::int from ${actionPlanLinks} l where l.plan_id = ${actionPlans.id})`;

function selectPlans(db: DbOrTx) {
  return db
    .select({
      plan: actionPlans,
      unitName: units.name,
      ownerName: owner.name,
      linkCount,
      key: createdAtText,
    })
    .from(actionPlans)
    .innerJoin(units, eq(units.id, actionPlans.unitId))
    .leftJoin(owner, eq(owner.id, actionPlans.ownerId));
}
type SelectedPlan = Awaited<ReturnType<ReturnType<typeof selectPlans>['where']>>[number];

function presentSummary(r: SelectedPlan): ActionPlanSummary {
  const p = r.plan;
  return {
    id: p.id,
    unit: { id: p.unitId, name: r.unitName },
    owner: p.ownerId && r.ownerName ? { id: p.ownerId, name: r.ownerName } : null,
    title: p.title,
    status: p.status,
    dueOn: p.dueOn,
    followUpWeeks: p.followUpWeeks,
    followUpDueAt: followUpDueAt(p).toISOString(),
    followUpAt: p.followUpAt?.toISOString() ?? null,
    linkCount: Number(r.linkCount),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** The plans the viewer may see, newest first, optionally of one unit's subtree and status. */
export async function listActionPlans(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: PlanViewer;
  query: { limit: number; cursor?: string; unitId?: string; status?: ActionPlanStatus };
}) {
  const { db, orgId, query } = opts;
  const after = decodeCursor(query.cursor);
  const visible = await visiblePlanUnitIds(opts);
  let unitIds = visible ? [...visible] : null;
  if (query.unitId) {
    const subtree = await unitSubtreeIds({ db, orgId, unitId: query.unitId });
    unitIds = subtree.filter((id) => !visible || visible.has(id));
  }
  if (unitIds && unitIds.length === 0) return { items: [], nextCursor: null };
  const where: (SQL | undefined)[] = [
    eq(actionPlans.orgId, orgId),
    unitIds ? inArray(actionPlans.unitId, unitIds) : undefined,
    query.status ? eq(actionPlans.status, query.status) : undefined,
    after
      ? sql`(${actionPlans.createdAt}, ${actionPlans.id}) < (${after.key}::timestamptz, ${after.id}::uuid)`
      : undefined,
  ];
  const rows = await selectPlans(db)
    .where(and(...where))
    .orderBy(desc(actionPlans.createdAt), desc(actionPlans.id))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (r) => ({ key: r.key, id: r.plan.id }));
  return { items: page.rows.map(presentSummary), nextCursor: page.nextCursor };
}

export async function loadPlanLinks(db: DbOrTx, planId: string): Promise<ActionPlanLink[]> {
  return db
    .select({ kind: actionPlanLinks.kind, ref: actionPlanLinks.ref })
    .from(actionPlanLinks)
    .where(eq(actionPlanLinks.planId, planId))
    .orderBy(asc(actionPlanLinks.kind), asc(actionPlanLinks.ref));
}

/** A plan of the organization (404 otherwise), whatever the viewer; callers check access. */
export async function findActionPlan(db: DbOrTx, orgId: string, planId: string) {
  const [row] = await db
    .select()
    .from(actionPlans)
    .where(and(eq(actionPlans.orgId, orgId), eq(actionPlans.id, planId)));
  if (!row) throw notFound('Action plan');
  return row;
}

/** One plan with its links named and its measures (baseline, follow-up, movement). */
export async function presentActionPlanDetail(opts: {
  db: DbOrTx;
  orgId: string;
  planId: string;
}): Promise<ActionPlanDetail> {
  const { db, orgId, planId } = opts;
  const [row] = await selectPlans(db).where(
    and(eq(actionPlans.orgId, orgId), eq(actionPlans.id, planId)),
  );
  if (!row) throw notFound('Action plan');
  const links = await labelPlanLinks({ db, orgId, links: await loadPlanLinks(db, planId) });
  return {
    ...presentSummary(row),
    description: row.plan.description,
    links,
    measures: planMeasures({ links, baseline: row.plan.baseline, followUp: row.plan.followUp }),
  };
}

/** GET /action-plans/:id: 404 outside the organization, 403 outside the viewer's units. */
export async function getActionPlan(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: PlanViewer;
  planId: string;
}): Promise<ActionPlanDetail> {
  const plan = await findActionPlan(opts.db, opts.orgId, opts.planId);
  await requirePlanUnitAccess({ ...opts, unitId: plan.unitId });
  return presentActionPlanDetail(opts);
}
