import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESURVEY_SURVEY_NAME } from '../cases/resurvey.ts';
import {
  actionPlanLinks,
  actionPlans,
  caseEvents,
  caseQueues,
  caseResurveys,
  caseRules,
  cases,
  invitations,
  jobs,
  notifications,
  orgBusinessHours,
  outboxMessages,
  recoveryActions,
  recoveryAllowances,
  responses,
  rootCauses,
  surveys,
} from '../db/schema/index.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type LoadedDemo, loadDemoOrganization } from './load.ts';

const asOf = new Date('2025-06-15T12:00:00Z');

describe.each(databaseKinds)('loading the demo closed loop on %s', (kind) => {
  let t: TestApp;
  let loaded: LoadedDemo;
  beforeAll(async () => {
    t = await createTestApp(kind);
    // A smaller bank (fewer customers, so fewer responses and cases) keeps the test quick.
    loaded = await loadDemoOrganization({
      db: t.database.db,
      seed: 42,
      asOf,
      customerCount: 6000,
    });
    console.info(`demo loop on ${kind}: ${JSON.stringify(loaded.loop.counts)}`);
  });
  afterAll(() => t.close());

  const countOf = async (
    table:
      | typeof cases
      | typeof caseEvents
      | typeof recoveryActions
      | typeof actionPlans
      | typeof notifications
      | typeof caseRules
      | typeof rootCauses,
  ) =>
    (
      await t.database.db.select({ n: count() }).from(table).where(eq(table.orgId, loaded.orgId))
    )[0]!.n;

  it('stores the settings: business hours, taxonomy, queue, rules and allowances', async () => {
    const db = t.database.db;
    const [hours] = await db
      .select()
      .from(orgBusinessHours)
      .where(eq(orgBusinessHours.orgId, loaded.orgId));
    expect(hours!.hours.timezone).toBe('America/Los_Angeles');
    expect(await countOf(rootCauses)).toBe(18);
    const [queue] = await db.select().from(caseQueues).where(eq(caseQueues.orgId, loaded.orgId));
    expect(queue).toMatchObject({ name: 'Complaints desk' });
    expect(queue!.memberIds.length).toBeGreaterThanOrEqual(2);
    const rules = await db.select().from(caseRules).where(eq(caseRules.orgId, loaded.orgId));
    expect(rules).toHaveLength(5);
    expect(rules.find((r) => r.owner.kind === 'queue')!.owner).toEqual({
      kind: 'queue',
      queueId: queue!.id,
    });
    const allowances = await db
      .select()
      .from(recoveryAllowances)
      .where(eq(recoveryAllowances.orgId, loaded.orgId));
    expect(allowances.map((a) => [a.role, a.perCaseCap, a.periodBudget]).sort()).toEqual([
      ['employee', '25.00', '300.00'],
      ['manager', '150.00', '2000.00'],
    ]);
  });

  it('stores every generated case, event, recovery, plan and notification', async () => {
    const generated = loaded.data.loop;
    expect(await countOf(cases)).toBe(generated.cases.length);
    expect(await countOf(caseEvents)).toBe(
      generated.cases.reduce((s, c) => s + c.events.length, 0),
    );
    expect(await countOf(recoveryActions)).toBe(
      generated.cases.reduce((s, c) => s + c.recoveries.length, 0),
    );
    expect(await countOf(actionPlans)).toBe(5);
    expect(await countOf(notifications)).toBe(generated.notifications.length);
    expect(generated.cases.length).toBeGreaterThan(200);
    const [links] = await t.database.db
      .select({ n: count() })
      .from(actionPlanLinks)
      .where(eq(actionPlanLinks.orgId, loaded.orgId));
    expect(links!.n).toBe(11);
  });

  it('stores the re-surveys of the replies as the reply service does, answers included', async () => {
    const db = t.database.db;
    const rows = await db
      .select({
        csat: responses.csat,
        interactionId: responses.interactionId,
        caseId: caseResurveys.caseId,
      })
      .from(caseResurveys)
      .innerJoin(invitations, eq(invitations.id, caseResurveys.invitationId))
      .innerJoin(surveys, eq(surveys.id, invitations.surveyId))
      .leftJoin(responses, eq(responses.invitationId, invitations.id))
      .where(and(eq(caseResurveys.orgId, loaded.orgId), eq(surveys.name, RESURVEY_SURVEY_NAME)));
    const { resurveyInvitations, resurveyResponses } = loaded.loop.counts;
    expect(rows).toHaveLength(resurveyInvitations);
    const answered = rows.filter((r) => r.csat !== null);
    expect(answered).toHaveLength(resurveyResponses);
    expect(resurveyResponses).toBeGreaterThan(20);
    expect(answered.every((r) => r.interactionId === null)).toBe(true);
    const events = await db
      .select({ data: caseEvents.data })
      .from(caseEvents)
      .where(and(eq(caseEvents.orgId, loaded.orgId), eq(caseEvents.kind, 'resurvey_answered')));
    expect(events).toHaveLength(resurveyResponses);
    expect(events.every((e) => typeof e.data.responseId === 'string')).toBe(true);
  });

  it('opens cases only on stored responses the rule matches, numbered in opening order', async () => {
    const db = t.database.db;
    const rows = await db
      .select({
        number: cases.number,
        openedAt: cases.openedAt,
        rule: caseRules.name,
        nps: responses.npsCategory,
        cvi: responses.cvi,
        broken: responses.promiseBroken,
        submittedAt: responses.submittedAt,
        customerId: responses.customerId,
        caseCustomerId: cases.customerId,
      })
      .from(cases)
      .innerJoin(responses, eq(responses.id, cases.responseId))
      .innerJoin(caseRules, eq(caseRules.id, cases.ruleId))
      .where(eq(cases.orgId, loaded.orgId))
      .orderBy(asc(cases.number));
    expect(rows.every((r, k) => k === 0 || r.openedAt >= rows[k - 1]!.openedAt)).toBe(true);
    for (const r of rows) {
      expect(r.openedAt > r.submittedAt!).toBe(true);
      expect(r.caseCustomerId).toBe(r.customerId);
      if (r.rule.startsWith('NPS detractor')) expect(r.nps).toBe('detractor');
      if (r.rule.startsWith('Customer value below')) expect(r.cvi!).toBeLessThan(40);
      if (r.rule === 'Broken promise') expect(r.broken).toBe(true);
    }
  });

  it('leaves open cases and approvals for the demo manager, and queues no jobs or e-mails', async () => {
    const db = t.database.db;
    const managerRecord = loaded.data.people.find((p) => p.demoLogin === 'manager')!;
    const manager = loaded.ids.people.get(managerRecord.externalId)!;
    // Overdue cases move up the tree; the manager sees his branch's through the unit chain.
    const [open] = await db
      .select({ n: count() })
      .from(cases)
      .where(
        and(
          eq(cases.unitId, loaded.ids.units.get(managerRecord.manages!)!),
          inArray(cases.status, ['new', 'in_progress', 'waiting_on_customer']),
        ),
      );
    expect(open!.n).toBeGreaterThanOrEqual(6);
    const [pending] = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.personId, manager), eq(notifications.kind, 'approval_needed')));
    expect(pending!.n).toBeGreaterThanOrEqual(2);
    const [unread] = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.orgId, loaded.orgId), isNull(notifications.readAt)));
    expect(unread!.n).toBe(loaded.data.loop.notifications.length);
    const [queued] = await db.select({ n: count() }).from(outboxMessages);
    expect(queued!.n).toBe(0);
    const [caseJobs] = await db
      .select({ n: count() })
      .from(jobs)
      .where(sql`${jobs.queue} like '%case%'`);
    expect(caseJobs!.n).toBe(0);
  });

  it('replaces the demo with --force, closed loop included', async () => {
    const again = await loadDemoOrganization({
      db: t.database.db,
      seed: 42,
      asOf,
      customerCount: 6000,
      force: true,
    });
    expect(again.loop.counts).toEqual(loaded.loop.counts);
    loaded = again;
    expect(await countOf(cases)).toBe(again.loop.counts.cases);
  });
});
