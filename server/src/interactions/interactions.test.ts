import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../auth/api-token-service.ts';
import {
  customerOptOuts,
  customers,
  interactions,
  invitations,
  outboxMessages,
} from '../db/schema/index.ts';
import { createSurvey, publishSurvey, updateSurvey } from '../surveys/survey-service.ts';
import { createOrganization, createPerson, createUnit } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';

describe.each(databaseKinds)('interaction ingestion on %s', (kind) => {
  let t: TestApp;
  let orgId: string;
  let token: string;
  let unitExt: string;
  let employeeExt: string;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const org = await createOrganization(db);
    orgId = org.id;
    const unit = await createUnit(db, org.id);
    unitExt = unit.externalId;
    const admin = await createPerson(db, org.id, { roles: ['admin'], unitId: unit.id });
    employeeExt = admin.externalId;
    token = (
      await createApiToken({ db, orgId, createdBy: admin.id, name: 'pos', scopes: ['ingest'] })
    ).token;
    const survey = await createSurvey({
      db,
      orgId,
      actorId: admin.id,
      body: { kind: 'customer', name: 'Visit', template: 'customer_value' },
    });
    await updateSurvey({
      db,
      orgId,
      surveyId: survey.id,
      body: { distribution: { quarantineDays: 30, channel: 'email' } },
    });
    await publishSurvey({ db, orgId, surveyId: survey.id, actorId: admin.id });
  });
  afterAll(() => t.close());

  const item = (customer: string, extra: Record<string, unknown> = {}) => ({
    externalId: `I-${++n}`,
    customer: { externalId: customer, email: `${customer.toLowerCase()}@example.test` },
    unitExternalId: unitExt,
    employeeExternalIds: [employeeExt],
    channel: 'branch',
    occurredAt: '2026-03-01T10:00:00Z',
    ...extra,
  });
  const post = (items: unknown[]) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/interactions',
      headers: { authorization: `Bearer ${token}` },
      payload: { items },
    });

  it('stores interactions and e-mails one invitation per customer, honouring quarantine within the batch', async () => {
    const res = await post([item('C-1'), item('C-1'), item('C-2')]);
    expect(res.statusCode).toBe(200);
    const results = res.json().results;
    expect(results.map((r: { skippedReason: string | null }) => r.skippedReason)).toEqual([
      null,
      'quarantine',
      null,
    ]);
    expect(results[0].invitation.url).toMatch(/\/s\/[\w-]{32}$/);
    const mail = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, 'c-1@example.test'));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.bodyText).toContain(results[0].invitation.url);
  });

  it('is idempotent by external id: a re-sent batch creates nothing new', async () => {
    const batch = [item('C-3')];
    const first = (await post(batch)).json().results[0];
    const again = (await post(batch)).json().results[0];
    expect(again).toMatchObject({ id: first.id, created: false, invitation: null });
    const rows = await t.database.db
      .select()
      .from(invitations)
      .where(eq(invitations.interactionId, first.id));
    expect(rows).toHaveLength(1);
  });

  it('never invites a customer who opted out', async () => {
    await post([item('C-4', { occurredAt: '2026-01-01T00:00:00Z' })]);
    const [c] = await t.database.db.select().from(customers).where(eq(customers.externalId, 'C-4'));
    await t.database.db.insert(customerOptOuts).values({ orgId, customerId: c!.id });
    await t.database.db.delete(invitations).where(eq(invitations.customerId, c!.id));
    const res = (await post([item('C-4')])).json().results[0];
    expect(res.skippedReason).toBe('opted_out');
  });

  it('rejects the whole batch with 422 naming each bad item, storing nothing', async () => {
    const before = (await t.database.db.select().from(interactions)).length;
    const res = await post([
      item('C-5'),
      item('C-6', { unitExternalId: 'NOPE' }),
      item('C-7', { completedAt: '2026-02-01T00:00:00Z' }),
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'body.items.1.unitExternalId', message: "no unit with external id 'NOPE'" },
      { field: 'body.items.2.completedAt', message: 'is before occurredAt' },
    ]);
    expect((await t.database.db.select().from(interactions)).length).toBe(before);
  });

  it('rejects a batch over 1,000 items and a missing field with 422', async () => {
    const big = Array.from({ length: 1001 }, () => item('C-8'));
    expect((await post(big)).statusCode).toBe(422);
    const { channel: _omit, ...noChannel } = item('C-9');
    const res = await post([noChannel]);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('body.items.0.channel');
  });
});
