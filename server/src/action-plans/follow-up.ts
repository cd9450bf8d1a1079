import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { actionPlans } from '../db/schema/index.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { notify } from '../notifications/notify.ts';
import { planMeasures } from './measure-movement.ts';
import { labelPlanLinks } from './plan-links.ts';
import { followUpWindow, measurePlan } from './plan-measures.ts';
import { followUpDueAt, loadPlanLinks } from './plan-queries.ts';

export const ACTION_PLAN_FOLLOW_UP_QUEUE = 'action-plans.follow-up';

/**
 * Schedules a plan's follow-up check at creation + followUpWeeks. The singleton key names the
 * weeks, so changing them schedules a new check; the one left for the old weeks finds the plan
 * not yet due (or already checked) and does nothing.
 */
export async function scheduleActionPlanFollowUp(opts: {
  db: DbOrTx;
  orgId: string;
  plan: { id: string; createdAt: Date; followUpWeeks: number };
}) {
  await enqueueJob({
    db: opts.db,
    queue: ACTION_PLAN_FOLLOW_UP_QUEUE,
    orgId: opts.orgId,
    payload: { planId: opts.plan.id },
    runAt: followUpDueAt(opts.plan),
    singletonKey: `action-plan-follow-up:${opts.plan.id}:${opts.plan.followUpWeeks}`,
  });
}

/**
 * Computes the plan's measures since creation, stores them as the follow-up (once: a rerun of
 * a checked plan changes nothing), and tells the owner what moved.
 */
export async function runActionPlanFollowUp(opts: {
  db: DbOrTx;
  planId: string;
  publicUrl: string;
  now?: Date;
}): Promise<boolean> {
  const { db } = opts;
  const now = opts.now ?? new Date();
  const [plan] = await db
    .select()
    .from(actionPlans)
    .where(eq(actionPlans.id, opts.planId))
    .for('update');
  if (!plan || plan.followUpAt !== null) return false;
  if (followUpDueAt(plan).getTime() > now.getTime()) return false;
  const links = await loadPlanLinks(db, plan.id);
  const followUp = await measurePlan({
    db,
    orgId: plan.orgId,
    unitId: plan.unitId,
    links,
    window: followUpWindow(plan.createdAt, now),
  });
  await db
    .update(actionPlans)
    .set({ followUp, followUpAt: now })
    .where(and(eq(actionPlans.id, plan.id), isNull(actionPlans.followUpAt)));
  if (plan.ownerId) {
    const labelled = await labelPlanLinks({ db, orgId: plan.orgId, links });
    const measures = planMeasures({ links: labelled, baseline: plan.baseline, followUp });
    const moved = measures
      .filter((m) => m.direction !== null)
      .map((m) => `${m.label}: ${m.baseline} → ${m.followUp} (${m.direction})`);
    await notify({
      db,
      orgId: plan.orgId,
      personId: plan.ownerId,
      // No dedicated kind exists; the follow-up is a digest of the plan's measures.
      kind: 'digest',
      title: `Follow-up of "${plan.title}": ${plan.followUpWeeks} weeks on`,
      body:
        moved.length > 0
          ? moved.join('\n')
          : 'Not enough new feedback yet to tell whether the linked scores moved.',
      link: `/action-plans/${plan.id}`,
      dedupeKey: `action_plan_follow_up:${plan.id}`,
      publicUrl: opts.publicUrl,
    });
  }
  return true;
}

export const actionPlanFollowUpHandler =
  (deps: { publicUrl: string }): JobHandler =>
  async ({ db, job }) => {
    await runActionPlanFollowUp({
      db,
      planId: String(job.payload.planId),
      publicUrl: deps.publicUrl,
    });
  };
