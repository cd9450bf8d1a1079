import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, outboxMessages, recoveryActions } from '../db/schema/index.ts';
import { createCase } from '../testing/factories.ts';
import { createTestDatabase, databaseKinds } from '../testing/harness.ts';
import { type CaseWorld, createCaseWorld } from './case-world.test-support.ts';
import { digestFiguresOf, sendCaseDigests } from './digest.ts';

type Database = Awaited<ReturnType<typeof createTestDatabase>>;

describe.each(databaseKinds)('daily case digest on %s', (kind) => {
  let database: Database;
  let w: CaseWorld;
  const now = new Date('2026-11-24T06:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    w = await createCaseWorld(database.db);
    const db = database.db;
    // Branch: the world's owned case (due later) plus one overdue and one at risk.
    await createCase(db, {
      orgId: w.orgId,
      responseId: w.response.id,
      unitId: w.units.branch.id,
      dueAt: new Date('2026-11-23T12:00:00Z'),
    });
    await createCase(db, {
      orgId: w.orgId,
      responseId: w.response.id,
      unitId: w.units.branch.id,
      dueAt: new Date('2026-11-24T10:00:00Z'),
      atRiskNotifiedAt: new Date('2026-11-24T05:00:00Z'),
    });
    await db.insert(recoveryActions).values({
      orgId: w.orgId,
      caseId: w.ownedCase.id,
      takenBy: w.people.owner.id,
      unitId: w.units.branch.id,
      type: 'refund',
      amount: '250.00',
      currency: 'USD',
      note: 'Above the cap',
      status: 'pending_approval',
    });
  });
  afterAll(() => database.close());

  const digestsOf = (personId: string) =>
    database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.personId, personId), eq(notifications.kind, 'digest')));

  it("counts a manager's visible open, overdue and at-risk cases and their units' pending approvals", async () => {
    const figures = await digestFiguresOf({
      db: database.db,
      orgId: w.orgId,
      personId: w.people.branchBoss.id,
      now,
    });
    expect(figures).toEqual({ open: 3, overdue: 1, atRisk: 1, pendingApprovals: 1 });
    const east = await digestFiguresOf({
      db: database.db,
      orgId: w.orgId,
      personId: w.people.eastBoss.id,
      now,
    });
    expect(east).toEqual({ open: 1, overdue: 0, atRisk: 0, pendingApprovals: 0 });
  });

  it('sends each manager one digest (in-app and e-mail) per day, however often it runs, and none to employees', async () => {
    await sendCaseDigests({ db: database.db, now, publicUrl: 'https://vl.example.test' });
    await sendCaseDigests({ db: database.db, now, publicUrl: 'https://vl.example.test' });
    const [digest, ...more] = await digestsOf(w.people.branchBoss.id);
    expect(more).toHaveLength(0);
    expect(digest!.body).toContain('Overdue: 1');
    expect(digest!.body).toContain('Recoveries waiting for your approval: 1');
    for (const boss of [w.people.regionBoss, w.people.exec, w.people.eastBoss]) {
      expect(await digestsOf(boss.id), boss.name).toHaveLength(1);
    }
    expect(await digestsOf(w.people.owner.id)).toHaveLength(0);
    const mail = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, w.people.branchBoss.email));
    expect(mail.filter((m) => m.subject.startsWith('Your cases today'))).toHaveLength(1);
    await sendCaseDigests({
      db: database.db,
      now: new Date('2026-11-25T06:00:00Z'),
      publicUrl: 'https://vl.example.test',
    });
    expect(await digestsOf(w.people.branchBoss.id)).toHaveLength(2);
  });
});
