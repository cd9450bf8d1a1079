import type { ActionPlanDetail, ActionPlanLink, UpdateActionPlanBody } from '@valueloop/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { actionPlanLinks, actionPlans, auditLog } from '../db/schema/index.ts';
import { validationFailed } from '../http/errors.ts';
import { scheduleActionPlanFollowUp } from './follow-up.ts';
import { type PlanViewer, requirePlanUnitAccess } from './plan-access.ts';
import { ActionPlanVersionConflict } from './plan-errors.ts';
import { validatePlanLinks, validatePlanOwner } from './plan-links.ts';
import { baselineWindow, measureKey, measurePlan } from './plan-measures.ts';
import { findActionPlan, loadPlanLinks, presentActionPlanDetail } from './plan-queries.ts';
import { checkPlanTransition } from './plan-status.ts';

const sameLinks = (a: readonly ActionPlanLink[], b: readonly ActionPlanLink[]) => {
  const key = (l: ActionPlanLink) => measureKey(l);
  const set = new Set(a.map(key));
  return a.length === b.length && b.every((l) => set.has(key(l)));
};

/**
 * Changes a plan if `version` is still current (409 with the current plan otherwise). New links
 * get their baseline over the same 90 days before creation as the others, so the follow-up
 * compares like with like; once the follow-up ran, links are fixed. A new `followUpWeeks`
 * schedules the check again.
 */
export async function updateActionPlan(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: PlanViewer;
  actorId: string | null;
  planId: string;
  body: UpdateActionPlanBody;
}): Promise<ActionPlanDetail> {
  const { db, orgId, planId } = opts;
  const { version, links: newLinks, ...changes } = opts.body;
  const plan = await findActionPlan(db, orgId, planId);
  await requirePlanUnitAccess({ db, orgId, viewer: opts.viewer, unitId: plan.unitId });
  if (plan.version !== version) {
    throw new ActionPlanVersionConflict(
      await presentActionPlanDetail({ db, orgId, planId }),
      version,
    );
  }
  if (changes.ownerId !== undefined)
    await validatePlanOwner({ db, orgId, ownerId: changes.ownerId });
  if (changes.status !== undefined) checkPlanTransition(plan.status, changes.status);

  let links: ActionPlanLink[] | null = null;
  let baseline = plan.baseline;
  if (newLinks !== undefined) {
    const valid = await validatePlanLinks({ db, orgId, links: newLinks });
    const current = await loadPlanLinks(db, planId);
    if (!sameLinks(valid, current)) {
      if (plan.followUpAt) {
        throw validationFailed([
          { field: 'body.links', message: 'cannot change after the follow-up check ran' },
        ]);
      }
      links = valid;
      const measured = await measurePlan({
        db,
        orgId,
        unitId: plan.unitId,
        links: valid,
        window: baselineWindow(plan.createdAt),
      });
      // Kept measures keep the baseline taken at creation; only new links are measured now.
      baseline = Object.fromEntries(
        Object.entries(measured).map(([key, value]) => [
          key,
          key in plan.baseline ? plan.baseline[key]! : value,
        ]),
      );
    }
  }

  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(actionPlans)
      .set({
        ...changes,
        baseline,
        version: sql`${actionPlans.version} + 1`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(actionPlans.orgId, orgId),
          eq(actionPlans.id, planId),
          eq(actionPlans.version, version),
        ),
      )
      .returning();
    if (!row) {
      throw new ActionPlanVersionConflict(
        await presentActionPlanDetail({ db: tx, orgId, planId }),
        version,
      );
    }
    if (links) {
      await tx.delete(actionPlanLinks).where(eq(actionPlanLinks.planId, planId));
      if (links.length > 0) {
        await tx.insert(actionPlanLinks).values(links.map((l) => ({ orgId, planId, ...l })));
      }
    }
    if (changes.followUpWeeks !== undefined && changes.followUpWeeks !== plan.followUpWeeks) {
      if (!row.followUpAt) await scheduleActionPlanFollowUp({ db: tx, orgId, plan: row });
    }
    await tx.insert(auditLog).values({
      orgId,
      actorPersonId: opts.actorId,
      action: 'action_plan.updated',
      entityType: 'action_plan',
      entityId: planId,
      detail: { fields: Object.keys(opts.body).filter((k) => k !== 'version') },
    });
  });
  return presentActionPlanDetail({ db, orgId, planId });
}
