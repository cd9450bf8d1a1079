import type { ActionPlanBody, ActionPlanDetail } from '@valueloop/contracts';
import type { DbOrTx } from '../db/client.ts';
import { actionPlanLinks, actionPlans, auditLog } from '../db/schema/index.ts';
import { scheduleActionPlanFollowUp } from './follow-up.ts';
import { type PlanViewer, requireBodyUnit, requirePlanUnitAccess } from './plan-access.ts';
import { validatePlanLinks, validatePlanOwner } from './plan-links.ts';
import { baselineWindow, measurePlan } from './plan-measures.ts';
import { presentActionPlanDetail } from './plan-queries.ts';

/**
 * Creates a unit's action plan: the unit must be the caller's to plan for (403), owner and
 * links must be the organization's (422 naming the field). The baseline of the linked measures
 * (the 90 days before now) is stored with the plan, and its follow-up check is scheduled as a
 * durable job in the same transaction.
 */
export async function createActionPlan(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: PlanViewer;
  actorId: string | null;
  body: ActionPlanBody;
  now?: Date;
}): Promise<ActionPlanDetail> {
  const { db, orgId, body } = opts;
  await requireBodyUnit({ db, orgId, unitId: body.unitId, field: 'body.unitId' });
  await requirePlanUnitAccess({ db, orgId, viewer: opts.viewer, unitId: body.unitId });
  await validatePlanOwner({ db, orgId, ownerId: body.ownerId });
  const links = await validatePlanLinks({ db, orgId, links: body.links });
  const createdAt = opts.now ?? new Date();
  const baseline = await measurePlan({
    db,
    orgId,
    unitId: body.unitId,
    links,
    window: baselineWindow(createdAt),
  });
  const planId = await db.transaction(async (tx) => {
    const [plan] = await tx
      .insert(actionPlans)
      .values({
        orgId,
        unitId: body.unitId,
        ownerId: body.ownerId,
        title: body.title,
        description: body.description,
        dueOn: body.dueOn,
        followUpWeeks: body.followUpWeeks,
        baseline,
        createdAt,
        updatedAt: createdAt,
      })
      .returning();
    if (links.length > 0) {
      await tx
        .insert(actionPlanLinks)
        .values(links.map((l) => ({ orgId, planId: plan!.id, ...l })));
    }
    await scheduleActionPlanFollowUp({ db: tx, orgId, plan: plan! });
    await tx.insert(auditLog).values({
      orgId,
      actorPersonId: opts.actorId,
      action: 'action_plan.created',
      entityType: 'action_plan',
      entityId: plan!.id,
      detail: { unitId: body.unitId, links: links.length },
    });
    return plan!.id;
  });
  return presentActionPlanDetail({ db, orgId, planId });
}
