import { and, asc, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, cases, jobs, notifications } from '../db/schema/index.ts';
import { createJobHandlers } from '../jobs/handlers.ts';
import { createCase } from '../testing/factories.ts';
import { createTestDatabase, databaseKinds, testConfig } from '../testing/harness.ts';
import { type CaseWorld, createCaseWorld } from './case-world.test-support.ts';
import { CASE_SLA_QUEUE, runCaseSla } from './sla.ts';

type Database = Awaited<ReturnType<typeof createTestDatabase>>;
const publicUrl = 'https://valueloop.example.test';
// Default business hours: Monday–Friday 09:00–17:00 UTC. 2026-03-10 is a Tuesday.
const at = (iso: string) => new Date(`2026-03-${iso}Z`);

describe.each(databaseKinds)('case SLA job on %s', (kind) => {
  let database: Database;
  let w: CaseWorld;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    w = await createCaseWorld(database.db);
    // The world's own cases are due tomorrow (real time): keep them out of these fixed clocks.
    await database.db.update(cases).set({ status: 'closed' }).where(eq(cases.orgId, w.orgId));
  });
  afterAll(() => database.close());

  const sla = (now: Date) => runCaseSla({ db: database.db, now, publicUrl });
  const caseOf = async (id: string) =>
    (await database.db.select().from(cases).where(eq(cases.id, id)))[0]!;
  const notesOf = (personId: string, kind: 'sla_at_risk' | 'case_escalated') =>
    database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.personId, personId), eq(notifications.kind, kind)));
  const newCase = (openedAt: Date, dueAt: Date) =>
    createCase(database.db, {
      orgId: w.orgId,
      responseId: w.response.id,
      unitId: w.units.branch.id,
      ownerId: w.people.owner.id,
      openedAt,
      dueAt,
    });

  it('warns the owner once when less than 20% of the business time is left', async () => {
    const c = await newCase(at('11T09:00:00'), at('11T17:00:00'));
    await sla(at('11T15:00:00')); // 120 of 480 minutes left: 25%
    expect((await caseOf(c.id)).atRiskNotifiedAt).toBeNull();
    await sla(at('11T16:00:00')); // 60 left: 12.5%
    await sla(at('11T16:00:00'));
    expect((await caseOf(c.id)).atRiskNotifiedAt).toEqual(at('11T16:00:00'));
    const warned = (await notesOf(w.people.owner.id, 'sla_at_risk')).filter(
      (n) => n.link === `/cases/${c.id}`,
    );
    expect(warned).toHaveLength(1);
    await database.db.update(cases).set({ status: 'resolved' }).where(eq(cases.id, c.id));
  });

  it('on breach escalates to the manager of the owner, then one level up per further SLA period, and stops at the top', async () => {
    const c = await newCase(at('10T09:00:00'), at('10T17:00:00'));
    await sla(at('11T10:00:00'));
    await sla(at('11T10:00:00')); // twice in the same minute: nothing more
    let row = await caseOf(c.id);
    expect(row).toMatchObject({
      ownerId: w.people.branchBoss.id,
      escalationLevel: 1,
      breachedAt: at('11T10:00:00'),
      version: 2,
    });
    await sla(at('11T16:59:00')); // the next period ends Wednesday 17:00
    expect((await caseOf(c.id)).escalationLevel).toBe(1);
    await sla(at('11T17:00:00'));
    row = await caseOf(c.id);
    expect(row).toMatchObject({ ownerId: w.people.regionBoss.id, escalationLevel: 2 });
    await sla(at('12T17:00:00'));
    expect(await caseOf(c.id)).toMatchObject({ ownerId: w.people.exec.id, escalationLevel: 3 });
    await sla(at('13T17:00:00')); // the root: nobody above the executive
    row = await caseOf(c.id);
    expect(row).toMatchObject({
      ownerId: w.people.exec.id,
      escalationLevel: 3,
      breachedAt: at('11T10:00:00'),
    });
    const events = await database.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, c.id), isNull(caseEvents.actorId)))
      .orderBy(asc(caseEvents.id));
    expect(events.map((e) => [e.kind, e.data.toOwnerId])).toEqual([
      ['escalated', w.people.branchBoss.id],
      ['escalated', w.people.regionBoss.id],
      ['escalated', w.people.exec.id],
    ]);
    const toOwner = await notesOf(w.people.owner.id, 'case_escalated');
    const toBranch = await notesOf(w.people.branchBoss.id, 'case_escalated');
    expect(toOwner.filter((n) => n.link === `/cases/${c.id}`)).toHaveLength(1);
    // Told when it arrived (level 1) and when it left for the region (level 2).
    expect(toBranch.filter((n) => n.link === `/cases/${c.id}`)).toHaveLength(2);
  });

  it('escalates an unowned case to the manager of its unit', async () => {
    const c = await createCase(database.db, {
      orgId: w.orgId,
      responseId: w.response.id,
      unitId: w.units.east.id,
      openedAt: at('10T09:00:00'),
      dueAt: at('10T12:00:00'),
    });
    await sla(at('10T13:00:00'));
    expect(await caseOf(c.id)).toMatchObject({ ownerId: w.people.eastBoss.id, escalationLevel: 1 });
  });

  it('caps a pass at maxActions and says so, so a large backlog drains in bounded steps', async () => {
    const a = await newCase(at('10T09:00:00'), at('10T10:00:00'));
    const b = await newCase(at('10T09:00:00'), at('10T10:00:00'));
    const pass = () =>
      runCaseSla({ db: database.db, now: at('10T10:30:00'), publicUrl, maxActions: 1 });
    expect(await pass()).toMatchObject({ escalated: 1, capped: true });
    expect(await pass()).toMatchObject({ escalated: 1, capped: true });
    expect((await caseOf(a.id)).escalationLevel).toBe(1);
    expect((await caseOf(b.id)).escalationLevel).toBe(1);
    expect(await pass()).toMatchObject({ escalated: 0, capped: false });
    await database.db.update(cases).set({ status: 'resolved' }).where(eq(cases.id, a.id));
    await database.db.update(cases).set({ status: 'resolved' }).where(eq(cases.id, b.id));
  });

  it('runs as a recurring durable job that books its next run five minutes later', async () => {
    const handler = createJobHandlers({ config: testConfig() })[CASE_SLA_QUEUE];
    expect(handler).toBeDefined();
    await database.db.transaction(async (tx) => {
      const [job] = await tx
        .insert(jobs)
        .values({ queue: 'cases.sla-probe', payload: {} })
        .returning();
      await handler!({ db: tx, job: job! });
    });
    const pending = await database.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.queue, CASE_SLA_QUEUE), isNull(jobs.doneAt)));
    expect(pending).toHaveLength(1);
    expect(pending[0]!.runAt.getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
  });
});
