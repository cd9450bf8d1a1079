import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.ts';
import { jobs, notifications, outboxMessages, responses } from '../db/schema/index.ts';
import { startWorker } from '../jobs/worker.ts';
import {
  createCase,
  createOrganization,
  createPerson,
  createResponse,
  createSurveyWithVersion,
  createUnit,
  customerValueAnswers,
} from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { createActionPlan } from './create-plan.ts';
import {
  ACTION_PLAN_FOLLOW_UP_QUEUE,
  actionPlanFollowUpHandler,
  runActionPlanFollowUp,
} from './follow-up.ts';
import { presentActionPlanDetail } from './plan-queries.ts';
import { createReleasedPulseCell, createRootCause } from './test-fixtures.ts';
import { updateActionPlan } from './update-plan.ts';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const orgWide = { kind: 'organization', unitId: null } as const;

describe.each(databaseKinds)('action plan measures on %s', (kind) => {
  let t: TestApp;
  let db: Db;
  let orgId: string;
  let ownerId: string;
  let version: Awaited<ReturnType<typeof createSurveyWithVersion>>['version'] & { orgId: string };

  beforeAll(async () => {
    t = await createTestApp(kind);
    db = t.database.db;
    orgId = (await createOrganization(db)).id;
    ownerId = (await createPerson(db, orgId, { roles: ['manager'] })).id;
    version = { ...(await createSurveyWithVersion(db, orgId)).version, orgId };
  });
  afterAll(() => t.close());

  /** A branch with one team below it, and a sibling branch whose feedback must not count. */
  async function branchWithTeam() {
    const branch = await createUnit(db, orgId, { level: 'branch' });
    const team = await createUnit(db, orgId, { parentId: branch.id });
    const sibling = await createUnit(db, orgId, { level: 'branch' });
    return { branch: branch.id, team: team.id, sibling: sibling.id };
  }

  const answer = (unitId: string, at: Date, nps: number, comment: string, low = false) =>
    createResponse(db, version, {
      unitId,
      submittedAt: at,
      answers: customerValueAnswers({
        nps,
        comment,
        ...(low ? { result: 1, ease: 2, price: 1, sat: 2 } : {}),
      }),
    });

  async function meanCvi(ids: string[]) {
    const rows = await db
      .select({ cvi: responses.cvi })
      .from(responses)
      .where(inArray(responses.id, ids));
    return Math.round((rows.reduce((s, r) => s + r.cvi!, 0) / rows.length) * 10) / 10;
  }

  const byKey = (detail: Awaited<ReturnType<typeof presentActionPlanDetail>>) =>
    Object.fromEntries(detail.measures.map((m) => [m.key, m]));

  it('takes the baseline from the subtree’s last 90 days and the latest released, shown pulse cell', async () => {
    const u = await branchWithTeam();
    const cause = await createRootCause(db, orgId, `Queue ${u.branch}`);
    const inside = [
      await answer(u.team, daysAgo(10), 9, 'Long wait at the counter'),
      await answer(u.branch, daysAgo(20), 3, 'The wait was endless', true),
      await answer(u.team, daysAgo(30), 10, 'Great'),
      await answer(u.team, daysAgo(40), 8, 'Fine'),
    ];
    await answer(u.team, daysAgo(100), 0, 'Too old: wait wait', true);
    await answer(u.sibling, daysAgo(5), 0, 'Another branch: wait', true);
    for (const at of [daysAgo(3), daysAgo(15), daysAgo(80)]) {
      await createCase(db, {
        orgId,
        responseId: inside[0]!.id,
        unitId: u.team,
        rootCauseId: cause.id,
        openedAt: at,
        ruleId: null,
      });
    }
    await createReleasedPulseCell(db, {
      orgId,
      unitId: u.branch,
      releasedAt: daysAgo(200),
      means: { 'climate.tools': 90 },
    });
    await createReleasedPulseCell(db, {
      orgId,
      unitId: u.branch,
      releasedAt: daysAgo(30),
      means: { 'climate.tools': 42.46, 'ev.pay': 61 },
    });
    const plan = await createActionPlan({
      db,
      orgId,
      viewer: orgWide,
      actorId: null,
      body: {
        unitId: u.branch,
        ownerId,
        title: 'Tools and queues',
        description: '',
        dueOn: null,
        followUpWeeks: 8,
        links: [
          { kind: 'pulse_item', ref: 'climate.tools' },
          { kind: 'root_cause', ref: cause.id },
          { kind: 'customer_theme', ref: 'wait' },
        ],
      },
    });
    const m = byKey(plan);
    expect(m.cvi!.baseline).toBe(await meanCvi(inside.map((r) => r.id)));
    // 2 promoters, 1 passive, 1 detractor of 4: NPS 25.
    expect(m.nps!.baseline).toBe(25);
    expect(m['climate.tools']!.baseline).toBe(42.5);
    // 3 cases in 90 days: 1 per 30 days; 2 of the 4 comments mention "wait": 0.7 per 30 days.
    expect(m[`root_cause:${cause.id}`]!.baseline).toBe(1);
    expect(m['theme:wait']!.baseline).toBe(0.7);
  });

  it('leaves a pulse item’s baseline empty when the latest cell was suppressed', async () => {
    const u = await branchWithTeam();
    await createReleasedPulseCell(db, {
      orgId,
      unitId: u.branch,
      releasedAt: daysAgo(60),
      means: { 'climate.tools': 70 },
    });
    await createReleasedPulseCell(db, {
      orgId,
      unitId: u.branch,
      releasedAt: daysAgo(10),
      suppressed: true,
    });
    const plan = await createActionPlan({
      db,
      orgId,
      viewer: orgWide,
      actorId: null,
      body: {
        unitId: u.branch,
        ownerId: null,
        title: 'Tools',
        description: '',
        dueOn: null,
        followUpWeeks: 8,
        links: [{ kind: 'pulse_item', ref: 'climate.tools' }],
      },
    });
    expect(byKey(plan)['climate.tools']).toMatchObject({ baseline: null, direction: null });
  });

  it('runs the scheduled follow-up job: measures since creation, deltas with direction, owner told once', async () => {
    const u = await branchWithTeam();
    const createdAt = daysAgo(8 * 7);
    const before = [
      await answer(u.team, daysAgo(60), 2, 'Slow and rude', true),
      await answer(u.team, daysAgo(70), 9, 'OK'),
    ];
    const after = [
      await answer(u.team, daysAgo(10), 10, 'Quick'),
      await answer(u.team, daysAgo(20), 9, 'Friendly'),
    ];
    await createReleasedPulseCell(db, {
      orgId,
      unitId: u.branch,
      releasedAt: daysAgo(70),
      means: { 'climate.tools': 40, 'ev.pay': 50 },
    });
    await createReleasedPulseCell(db, {
      orgId,
      unitId: u.branch,
      releasedAt: daysAgo(5),
      means: { 'climate.tools': 55, 'ev.pay': 49 },
    });
    const plan = await createActionPlan({
      db,
      orgId,
      viewer: orgWide,
      actorId: null,
      now: createdAt,
      body: {
        unitId: u.branch,
        ownerId,
        title: 'Better tools',
        description: '',
        dueOn: null,
        followUpWeeks: 8,
        links: [
          { kind: 'pulse_item', ref: 'climate.tools' },
          { kind: 'pulse_item', ref: 'ev.pay' },
          { kind: 'customer_theme', ref: 'rude' },
        ],
      },
    });
    const queued = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.queue, ACTION_PLAN_FOLLOW_UP_QUEUE), eq(jobs.orgId, orgId)));
    const job = queued.find((j) => j.payload.planId === plan.id);
    expect(job!.runAt.getTime()).toBe(createdAt.getTime() + 8 * 7 * DAY);

    const worker = startWorker({
      db,
      handlers: {
        [ACTION_PLAN_FOLLOW_UP_QUEUE]: actionPlanFollowUpHandler({ publicUrl: 'https://vl.test' }),
      },
      pollMs: 600_000,
    });
    expect(await worker.drain()).toBeGreaterThanOrEqual(1);
    await worker.stop();

    const detail = await presentActionPlanDetail({ db, orgId, planId: plan.id });
    expect(detail.followUpAt).not.toBeNull();
    const m = byKey(detail);
    expect(m.cvi).toMatchObject({
      baseline: await meanCvi(before.map((r) => r.id)),
      followUp: await meanCvi(after.map((r) => r.id)),
      direction: 'better',
    });
    // NPS 0 (one promoter, one detractor) → 100.
    expect(m.nps).toMatchObject({ baseline: 0, followUp: 100, delta: 100, direction: 'better' });
    expect(m['climate.tools']).toMatchObject({
      baseline: 40,
      followUp: 55,
      delta: 15,
      direction: 'better',
    });
    // One point down is inside the 2-point dead band.
    expect(m['ev.pay']).toMatchObject({ delta: -1, direction: 'unchanged' });
    // "rude": once in 90 days (0.3 per 30 days) → never in 56 days: inside the 1-per-30-days band.
    expect(m['theme:rude']).toMatchObject({ baseline: 0.3, followUp: 0, direction: 'unchanged' });

    const told = await db.select().from(notifications).where(eq(notifications.personId, ownerId));
    const followUpNotes = told.filter((n) => n.link === `/action-plans/${plan.id}`);
    expect(followUpNotes).toHaveLength(1);
    expect(followUpNotes[0]!.body).toContain(
      'I have the tools I need to serve customers: 40 → 55 (better)',
    );
    const mail = await db.select().from(outboxMessages).where(eq(outboxMessages.orgId, orgId));
    expect(mail.some((e) => e.bodyText.includes(`https://vl.test/action-plans/${plan.id}`))).toBe(
      true,
    );

    // A rerun (retry, duplicate job) changes nothing and tells no one again.
    const again = await runActionPlanFollowUp({
      db,
      planId: plan.id,
      publicUrl: 'https://vl.test',
    });
    expect(again).toBe(false);
  });

  it('measures a link added later over the creation window, keeps the others, and reschedules on new weeks', async () => {
    const u = await branchWithTeam();
    const createdAt = daysAgo(30);
    await answer(u.team, daysAgo(40), 3, 'Rude staff', true);
    await answer(u.team, daysAgo(10), 3, 'Rude again', true);
    const plan = await createActionPlan({
      db,
      orgId,
      viewer: orgWide,
      actorId: null,
      now: createdAt,
      body: {
        unitId: u.branch,
        ownerId: null,
        title: 'Courtesy',
        description: '',
        dueOn: null,
        followUpWeeks: 8,
        links: [{ kind: 'customer_theme', ref: 'staff' }],
      },
    });
    const changed = await updateActionPlan({
      db,
      orgId,
      viewer: orgWide,
      actorId: null,
      planId: plan.id,
      body: { version: 1, links: [{ kind: 'customer_theme', ref: 'rude' }], followUpWeeks: 2 },
    });
    const m = byKey(changed);
    // Only the answer before creation counts: once in 90 days.
    expect(m['theme:rude']!.baseline).toBe(0.3);
    expect(m['theme:staff']).toBeUndefined();
    expect(m.nps!.baseline).toBe(plan.measures.find((x) => x.key === 'nps')!.baseline);
    const queued = await db.select().from(jobs).where(eq(jobs.queue, ACTION_PLAN_FOLLOW_UP_QUEUE));
    const mine = queued.filter((j) => j.payload.planId === plan.id);
    expect(mine.map((j) => j.runAt.getTime()).sort()).toEqual(
      [createdAt.getTime() + 2 * 7 * DAY, createdAt.getTime() + 8 * 7 * DAY].sort(),
    );
    // The 2-week check is due now; the old 8-week job will find the plan checked.
    expect(await runActionPlanFollowUp({ db, planId: plan.id, publicUrl: '' })).toBe(true);
    const late = updateActionPlan({
      db,
      orgId,
      viewer: orgWide,
      actorId: null,
      planId: plan.id,
      body: { version: 2, links: [{ kind: 'customer_theme', ref: 'queue' }] },
    });
    await expect(late).rejects.toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'body.links' }],
    });
  });

  it('does not run the follow-up before it is due', async () => {
    const u = await branchWithTeam();
    const plan = await createActionPlan({
      db,
      orgId,
      viewer: orgWide,
      actorId: null,
      body: {
        unitId: u.branch,
        ownerId: null,
        title: 'Later',
        description: '',
        dueOn: null,
        followUpWeeks: 4,
        links: [],
      },
    });
    expect(await runActionPlanFollowUp({ db, planId: plan.id, publicUrl: '' })).toBe(false);
    const detail = await presentActionPlanDetail({ db, orgId, planId: plan.id });
    expect(detail.followUpAt).toBeNull();
  });
});
