import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseResurveys,
  interactions,
  invitations,
  recoveryActions,
  responses,
} from '../db/schema/index.ts';
import {
  createCase,
  createCustomer,
  createResponse,
  customerValueAnswers,
} from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';
import { createRecoveryWorld, type RecoveryWorld } from './recovery-world.test-support.ts';

const day = (iso: string, plusDays = 0) =>
  new Date(Date.parse(`${iso}T12:00:00Z`) + plusDays * 86_400_000);

describe.each(databaseKinds)('recovery ledger and ROI on %s', (kind) => {
  let t: TestApp;
  let w: RecoveryWorld;
  let employee: SignedIn;
  let branchBoss: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await createRecoveryWorld(t.database.db);
    employee = await signInAs(t.app, w.people.employee.email);
    branchBoss = await signInAs(t.app, w.people.branchBoss.email);
    admin = await signInAs(t.app, w.people.admin.email);
  });
  afterAll(() => t.close());

  const action = async (
    fields: Partial<typeof recoveryActions.$inferInsert> & { amount: string; createdAt: Date },
  ) => {
    const c = await w.newCase();
    const [row] = await t.database.db
      .insert(recoveryActions)
      .values({
        orgId: w.orgId,
        caseId: c.id,
        takenBy: w.people.employee.id,
        unitId: w.units.team.id,
        type: 'gift',
        currency: 'USD',
        note: 'n',
        status: 'taken',
        ...fields,
      })
      .returning();
    return row!;
  };

  describe('ledger', () => {
    const from = '2026-02-01';
    const to = '2026-02-28';
    beforeAll(async () => {
      const at = day('2026-02-10');
      await action({ amount: '10.00', createdAt: at });
      await action({ amount: '60.00', type: 'refund', status: 'approved', createdAt: at });
      await action({ amount: '30.00', type: 'credit', status: 'pending_approval', createdAt: at });
      await action({ amount: '99.00', type: 'refund', status: 'rejected', createdAt: at });
      await action({
        amount: '15.00',
        takenBy: w.people.otherEmployee.id,
        unitId: w.units.otherBranch.id,
        createdAt: at,
      });
      await action({ amount: '1.00', createdAt: day('2026-03-01') });
    });
    const ledger = (who: SignedIn, query = '') =>
      who.request('GET', `/api/v1/recoveries/ledger?from=${from}&to=${to}${query}`);

    it('gives an employee their own rows, totals by type and status, and their spend against budget', async () => {
      const res = await ledger(employee);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.items).toHaveLength(4);
      expect(body.totals).toMatchObject({ count: 4, amount: '199.00', spent: '70.00' });
      const byStatus = Object.fromEntries(
        body.totals.byStatus.map((s: { status: string; amount: string }) => [s.status, s.amount]),
      );
      expect(byStatus).toEqual({
        taken: '10.00',
        approved: '60.00',
        pending_approval: '30.00',
        rejected: '99.00',
      });
      const refund = body.totals.byType.find((x: { type: string }) => x.type === 'refund');
      expect(refund).toEqual({ type: 'refund', count: 2, amount: '159.00' });
      expect(body.budgets).toEqual([
        expect.objectContaining({
          person: expect.objectContaining({ id: w.people.employee.id }),
          budget: '500.00',
          period: 'month',
        }),
      ]);
    });

    it('scopes a manager to the units they manage and refuses another branch', async () => {
      const mine = (await ledger(branchBoss)).json();
      expect(mine.items).toHaveLength(4);
      expect(mine.items.every((i: { unit: { id: string } }) => i.unit.id === w.units.team.id)).toBe(
        true,
      );
      expect((await ledger(branchBoss, `&unitId=${w.units.otherBranch.id}`)).statusCode).toBe(403);
      expect((await ledger(branchBoss, `&personId=${w.people.otherEmployee.id}`)).statusCode).toBe(
        403,
      );
      expect((await ledger(employee, `&personId=${w.people.colleague.id}`)).statusCode).toBe(403);
    });

    it('gives organization-wide readers everything, filterable by unit subtree and person', async () => {
      expect((await ledger(admin)).json().totals).toMatchObject({
        count: 5,
        amount: '214.00',
        spent: '85.00',
      });
      const region = (await ledger(admin, `&unitId=${w.units.region.id}`)).json();
      expect(region.totals.count).toBe(5);
      const other = (await ledger(admin, `&personId=${w.people.otherEmployee.id}`)).json();
      expect(other.totals).toMatchObject({ count: 1, amount: '15.00' });
      const backwards = await admin.request(
        'GET',
        '/api/v1/recoveries/ledger?from=2026-03-01&to=2026-02-01',
      );
      expect(backwards.statusCode).toBe(422);
      expect(backwards.json().errors[0].field).toBe('query.to');
    });
  });

  it('computes ROI by type and unit against unrecovered detractor cases on hand-built data', async () => {
    const db = t.database.db;
    const customer = (name: string) => createCustomer(db, w.orgId, { name });
    const [a, b, c, d, e] = await Promise.all(['A', 'B', 'C', 'D', 'E'].map(customer));
    const visit = (customerId: string, at: Date) =>
      db.insert(interactions).values({
        orgId: w.orgId,
        externalId: `I-${customerId}-${at.getTime()}`,
        customerId,
        unitId: w.units.team.id,
        channel: 'branch',
        occurredAt: at,
      });
    const recovered = async (
      customerId: string,
      type: 'gift' | 'refund',
      amount: string,
      at: Date,
    ) => {
      const response = await createResponse(db, w.surveyVersion, { unitId: w.units.team.id });
      const theCase = await createCase(db, {
        orgId: w.orgId,
        responseId: response.id,
        unitId: w.units.otherBranch.id,
        customerId,
        openedAt: at,
      });
      await db.insert(recoveryActions).values({
        orgId: w.orgId,
        caseId: theCase.id,
        takenBy: w.people.otherEmployee.id,
        unitId: w.units.otherBranch.id,
        type,
        amount,
        currency: 'USD',
        note: 'n',
        status: 'taken',
        createdAt: at,
      });
      return theCase;
    };
    const detractorCase = async (customerId: string, at: Date) => {
      const response = await createResponse(db, w.surveyVersion, {
        unitId: w.units.otherBranch.id,
        answers: customerValueAnswers({ nps: 2 }),
      });
      await createCase(db, {
        orgId: w.orgId,
        responseId: response.id,
        unitId: w.units.otherBranch.id,
        customerId,
        openedAt: at,
      });
    };
    const resurveyAnswer = async (caseId: string, sat: number) => {
      const [invitation] = await db
        .insert(invitations)
        .values({
          orgId: w.orgId,
          surveyId: w.surveyVersion.surveyId,
          surveyVersionId: w.surveyVersion.id,
          tokenHash: `hash-${caseId}`,
          channel: 'email',
          expiresAt: day('2026-06-01'),
        })
        .returning();
      await db
        .insert(caseResurveys)
        .values({ invitationId: invitation!.id, orgId: w.orgId, caseId });
      const answer = await createResponse(db, w.surveyVersion, {
        answers: customerValueAnswers({ sat }),
      });
      await db
        .update(responses)
        .set({ invitationId: invitation!.id })
        .where(eq(responses.id, answer.id));
    };
    // Recovered: A (gift, came back), B (refund, did not), E (gift, came back).
    const caseA = await recovered(a!.id, 'gift', '10.00', day('2026-05-10'));
    const caseB = await recovered(b!.id, 'refund', '30.00', day('2026-05-12'));
    await recovered(e!.id, 'gift', '10.00', day('2026-05-14'));
    await visit(a!.id, day('2026-05-10', 30));
    await visit(e!.id, day('2026-05-14', 179));
    await visit(b!.id, day('2026-05-12', -3)); // before the recovery: not a return
    await resurveyAnswer(caseA.id, 5);
    await resurveyAnswer(caseB.id, 2);
    // Baseline: detractor cases without recovery — C came back, D did not: rate 0.5.
    await detractorCase(c!.id, day('2026-05-05'));
    await detractorCase(d!.id, day('2026-05-06'));
    await visit(c!.id, day('2026-05-05', 20));

    const res = await admin.request(
      'GET',
      `/api/v1/recoveries/roi?from=2026-05-01&to=2026-05-31&unitId=${w.units.otherBranch.id}&valuePerCustomer=200.00`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const roi = res.json();
    expect(roi.valueBasis).toMatchObject({ source: 'query', valuePerCustomer: '200.00' });
    expect(roi.baseline).toEqual({ cases: 2, retainedCustomers: 1, retentionRate: 0.5 });
    // 3 customers, 2 retained, 1.5 expected at the baseline rate → 0.5 × 200 = 100.00 on 50.00.
    expect(roi.total).toMatchObject({
      actions: 3,
      customers: 3,
      cost: '50.00',
      retainedCustomers: 2,
      incrementalRetained: 0.5,
      retainedValue: '100.00',
      roi: 1,
      resurveyScore: 62.5,
      resurveyAnswers: 2,
    });
    const gift = roi.byType.find((r: { type: string }) => r.type === 'gift');
    expect(gift).toMatchObject({
      cost: '20.00',
      retainedCustomers: 2,
      retainedValue: '200.00',
      roi: 9,
      resurveyScore: 100,
    });
    const refund = roi.byType.find((r: { type: string }) => r.type === 'refund');
    expect(refund).toMatchObject({
      cost: '30.00',
      retainedCustomers: 0,
      retainedValue: '0.00',
      roi: -1,
      resurveyScore: 25,
    });
    expect(roi.byUnit).toEqual([
      expect.objectContaining({
        unit: { id: w.units.otherBranch.id, name: 'Other branch' },
        actions: 3,
      }),
    ]);

    const unknownValue = (
      await admin.request('GET', '/api/v1/recoveries/roi?from=2026-05-01&to=2026-05-31')
    ).json();
    expect(unknownValue.valueBasis.source).toBe('none');
    expect(unknownValue.total.roi).toBeNull();
    const notMine = await branchBoss.request(
      'GET',
      `/api/v1/recoveries/roi?unitId=${w.units.otherBranch.id}`,
    );
    expect(notMine.statusCode).toBe(403);
    const bossView = (
      await branchBoss.request('GET', '/api/v1/recoveries/roi?from=2026-05-01&to=2026-05-31')
    ).json();
    expect(bossView.total.actions).toBe(0);
  });
});
