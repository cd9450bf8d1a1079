import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseEvents,
  cases,
  notifications,
  outboxMessages,
  recoveryActions,
  recoveryAllowances,
} from '../db/schema/index.ts';
import { createPerson } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';
import { resolveAllowance } from './allowances.ts';
import { createRecoveryWorld, type RecoveryWorld } from './recovery-world.test-support.ts';

const gift = (amount: string, extra: object = {}) => ({
  type: 'gift',
  amount,
  currency: 'USD',
  note: 'Voucher for the wait',
  ...extra,
});

describe.each(databaseKinds)('recovery within an allowance on %s', (kind) => {
  let t: TestApp;
  let w: RecoveryWorld;
  let employee: SignedIn;
  let branchBoss: SignedIn;
  let otherBoss: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await createRecoveryWorld(t.database.db);
    employee = await signInAs(t.app, w.people.employee.email);
    branchBoss = await signInAs(t.app, w.people.branchBoss.email);
    otherBoss = await signInAs(t.app, w.people.otherBoss.email);
    admin = await signInAs(t.app, w.people.admin.email);
  });
  afterAll(() => t.close());

  const recover = (who: SignedIn, caseId: string, body: object) =>
    who.request('POST', `/api/v1/cases/${caseId}/recoveries`, body);
  const decide = (who: SignedIn, id: string, approve: boolean) =>
    who.request('POST', `/api/v1/recoveries/${id}/decision`, { approve, note: 'ok' });
  const timelineOf = (caseId: string) =>
    t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));

  it('resolves the most specific allowance: own unit, else nearest ancestor, else organization, else zero', async () => {
    const db = t.database.db;
    const at = (personId: string) => resolveAllowance({ db, orgId: w.orgId, personId });
    expect(await at(w.people.employee.id)).toMatchObject({
      role: 'employee',
      source: 'ancestor',
      unitId: w.units.team.id,
      perCaseCap: 5000,
      periodBudget: 50000,
    });
    expect(await at(w.people.otherEmployee.id)).toMatchObject({
      source: 'organization',
      perCaseCap: 2000,
    });
    expect(await at(w.people.branchBoss.id)).toMatchObject({
      role: 'manager',
      source: 'organization',
    });
    const [own] = await db
      .insert(recoveryAllowances)
      .values({
        orgId: w.orgId,
        role: 'employee',
        unitId: w.units.team.id,
        perCaseCap: '5.00',
        periodBudget: '5.00',
      })
      .returning();
    expect(await at(w.people.employee.id)).toMatchObject({ source: 'unit', perCaseCap: 500 });
    await db.delete(recoveryAllowances).where(eq(recoveryAllowances.id, own!.id));
    const loner = await createPerson(db, w.orgId, { unitId: null, roles: ['manager'] });
    await db
      .delete(recoveryAllowances)
      .where(and(eq(recoveryAllowances.orgId, w.orgId), eq(recoveryAllowances.role, 'manager')));
    expect(await at(loner.id)).toMatchObject({ role: 'employee', source: 'organization' });
    expect(await at(w.people.regionBoss.id)).toMatchObject({
      role: 'manager',
      source: 'none',
      perCaseCap: 0,
      periodBudget: 0,
    });
    await db.insert(recoveryAllowances).values({
      orgId: w.orgId,
      role: 'manager',
      unitId: null,
      perCaseCap: '200.00',
      periodBudget: '2000.00',
    });
    const me = await employee.request('GET', '/api/v1/recovery-allowances/me');
    expect(me.json()).toMatchObject({ source: 'ancestor', perCaseCap: '50.00', currency: 'USD' });
  });

  it('takes a recovery within the allowance on the spot, no approval', async () => {
    const c = await w.newCase();
    const res = await recover(employee, c.id, gift('12.50'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'taken',
      amount: '12.50',
      approvalReason: null,
      unit: { id: w.units.team.id },
    });
    const kinds = (await timelineOf(c.id)).map((e) => e.kind);
    expect(kinds).toEqual(['recovery_taken']);
  });

  it('refuses a recovery above the per-case cap without approval: pending, with the reason, approver told', async () => {
    const db = t.database.db;
    const c = await w.newCase();
    expect((await recover(employee, c.id, gift('30.00'))).json().status).toBe('taken');
    const res = await recover(employee, c.id, gift('25.00'));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'pending_approval',
      approvalReason: 'above per-case cap of 50.00 USD (30.00 already spent on this case)',
    });
    const [event] = (await timelineOf(c.id)).filter((e) => e.kind === 'recovery_requested');
    expect(event!.data.reason).toContain('above per-case cap of 50.00 USD');
    const told = await db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.personId, w.people.branchBoss.id),
          eq(notifications.kind, 'approval_needed'),
        ),
      );
    expect(told.map((n) => n.link)).toContain('/approvals');
    const mail = await db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, w.people.branchBoss.email));
    expect(mail.length).toBeGreaterThan(0);
  });

  // PGlite has one connection and runs transactions one at a time; the race needs a server.
  it.skipIf(kind === 'pglite')(
    'two recoveries at once cannot both squeeze under the same per-case cap',
    async () => {
      const db = t.database.db;
      const c = await w.newCase();
      // Hold the case row so both requests are in flight together, then let them go.
      let locked!: () => void;
      let release!: () => void;
      const isLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const holder = db.transaction(async (tx) => {
        await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, c.id)).for('update');
        locked();
        await released;
      });
      await isLocked;
      const both = Promise.all([
        recover(employee, c.id, gift('30.00')),
        recover(employee, c.id, gift('30.00')),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      await holder;
      const statuses = (await both).map((r) => r.json().status).sort();
      expect(statuses).toEqual(['pending_approval', 'taken']);
    },
  );

  it('a client that insists on status taken is refused by the strict schema', async () => {
    const c = await w.newCase();
    const res = await recover(employee, c.id, gift('500.00', { status: 'taken' }));
    expect(res.statusCode).toBe(422);
    expect(JSON.stringify(res.json().errors)).toContain('status');
    expect(
      await t.database.db.select().from(recoveryActions).where(eq(recoveryActions.caseId, c.id)),
    ).toEqual([]);
  });

  it('sends a recovery for approval when the period budget would be exceeded, saying what was spent', async () => {
    const db = t.database.db;
    const colleague = await signInAs(t.app, w.people.colleague.email);
    // 460.00 already spent this month by the colleague, in 10 cases of 46.00.
    for (let i = 0; i < 10; i++) {
      const c = await w.newCase({ ownerId: w.people.colleague.id });
      const res = await recover(colleague, c.id, gift('46.00'));
      expect(res.json().status).toBe('taken');
    }
    const c = await w.newCase({ ownerId: w.people.colleague.id });
    const res = await recover(colleague, c.id, gift('45.00'));
    expect(res.json()).toMatchObject({
      status: 'pending_approval',
      approvalReason: 'period budget of 500.00 USD would be exceeded: 460.00 spent',
    });
    const within = await recover(colleague, c.id, gift('40.00'));
    expect(within.json().status).toBe('taken');
    const rows = await db
      .select()
      .from(recoveryActions)
      .where(eq(recoveryActions.takenBy, w.people.colleague.id));
    expect(rows.filter((r) => r.status === 'taken')).toHaveLength(11);
  });

  it('validates money: negative, three decimals and a foreign currency are 422 naming the field', async () => {
    const c = await w.newCase();
    const cases: [object, string][] = [
      [gift('-5.00'), 'body.amount'],
      [gift('5.001'), 'body.amount'],
      [gift('5.00', { currency: 'EUR' }), 'body.currency'],
      [gift('5.00', { currency: 'usd' }), 'body.currency'],
    ];
    for (const [body, field] of cases) {
      const res = await recover(employee, c.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('lets only a manager up the chain decide — not the taker, not an unrelated manager — once', async () => {
    const c = await w.newCase();
    const pending = (await recover(employee, c.id, gift('80.00'))).json();
    expect(pending.status).toBe('pending_approval');
    expect((await decide(employee, pending.id, true)).statusCode).toBe(403);
    expect((await decide(otherBoss, pending.id, true)).statusCode).toBe(403);
    const approved = await decide(branchBoss, pending.id, true);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      decidedBy: { id: w.people.branchBoss.id },
      decisionNote: 'ok',
    });
    expect((await decide(branchBoss, pending.id, false)).statusCode).toBe(409);
    expect((await decide(admin, pending.id, false)).statusCode).toBe(409);
    const kinds = (await timelineOf(c.id)).map((e) => e.kind);
    expect(kinds).toEqual(['recovery_requested', 'recovery_approved']);
    const toldTaker = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.personId, w.people.employee.id));
    expect(toldTaker.some((n) => n.title.includes('was approved'))).toBe(true);
  });

  it("a manager's own recovery above allowance goes to their manager; they cannot approve it themselves", async () => {
    const c = await w.newCase();
    const res = await recover(branchBoss, c.id, gift('250.00'));
    expect(res.json()).toMatchObject({
      status: 'pending_approval',
      unit: { id: w.units.branch.id },
    });
    expect((await decide(branchBoss, res.json().id, true)).statusCode).toBe(403);
    const regionBoss = await signInAs(t.app, w.people.regionBoss.email);
    const queue = await regionBoss.request('GET', '/api/v1/recoveries?status=pending_approval');
    expect(queue.json().items.map((r: { id: string }) => r.id)).toContain(res.json().id);
    const otherQueue = await otherBoss.request('GET', '/api/v1/recoveries?status=pending_approval');
    expect(otherQueue.json().items.map((r: { id: string }) => r.id)).not.toContain(res.json().id);
    expect((await decide(regionBoss, res.json().id, false)).json().status).toBe('rejected');
  });

  it('manages allowances: cap above budget is 422 naming perCaseCap; upsert keeps one row per role and unit', async () => {
    const put = (body: object) => admin.request('PUT', '/api/v1/recovery-allowances', body);
    const bad = await put({ role: 'employee', perCaseCap: '60.00', periodBudget: '50.00' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('body.perCaseCap');
    const wrong = await put({ role: 'employee', perCaseCap: '1.005', periodBudget: '50.00' });
    expect(wrong.json().errors[0].field).toBe('body.perCaseCap');
    const first = await put({
      role: 'employee',
      unitId: w.units.otherBranch.id,
      perCaseCap: '10',
      periodBudget: '90.5',
    });
    expect(first.json()).toMatchObject({
      perCaseCap: '10.00',
      periodBudget: '90.50',
      period: 'month',
    });
    const again = await put({
      role: 'employee',
      unitId: w.units.otherBranch.id,
      perCaseCap: '15.00',
      periodBudget: '90.00',
      period: 'quarter',
    });
    expect(again.json()).toMatchObject({
      id: first.json().id,
      perCaseCap: '15.00',
      period: 'quarter',
    });
    expect(
      (
        await employee.request('PUT', '/api/v1/recovery-allowances', {
          role: 'employee',
          perCaseCap: '1',
          periodBudget: '1',
        })
      ).statusCode,
    ).toBe(403);
    const list = (await employee.request('GET', '/api/v1/recovery-allowances')).json();
    expect(
      list.items.filter((a: { unitId: string | null }) => a.unitId === w.units.otherBranch.id),
    ).toHaveLength(1);
    expect(
      (await admin.request('DELETE', `/api/v1/recovery-allowances/${first.json().id}`)).statusCode,
    ).toBe(204);
    expect(
      (await admin.request('DELETE', `/api/v1/recovery-allowances/${first.json().id}`)).statusCode,
    ).toBe(404);
  });
});
