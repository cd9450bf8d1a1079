import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../auth/api-token-service.ts';
import { outboxMessages } from '../db/schema/index.ts';
import { createCustomer, createOrganization, createPerson } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';

describe.each(databaseKinds)('organization, customers and mailbox on %s', (kind) => {
  let t: TestApp;
  let orgId: string;
  let admin: SignedIn;
  let employee: SignedIn;
  let ingestToken: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    orgId = (await createOrganization(db, { name: 'Acme', slug: 'acme', minGroupSize: 5 })).id;
    const a = await createPerson(db, orgId, { roles: ['admin'] });
    const e = await createPerson(db, orgId);
    admin = await signInAs(t.app, a.email);
    employee = await signInAs(t.app, e.email);
    ingestToken = (
      await createApiToken({ db, orgId, createdBy: a.id, name: 'pos', scopes: ['ingest'] })
    ).token;
    await createCustomer(db, orgId, { externalId: 'C-1', name: 'Zed' });
    await createCustomer(db, orgId, { externalId: 'C-2', name: 'Yan', email: 'yan@example.test' });
  });
  afterAll(() => t.close());

  it('shows the organization to every signed-in person', async () => {
    const res = await employee.request('GET', '/api/v1/organization');
    expect(res.json()).toEqual({
      id: orgId,
      name: 'Acme',
      slug: 'acme',
      currency: 'USD',
      minGroupSize: 5,
      minCommentGroupSize: 10,
    });
  });

  it('lets an admin rename the organization and raise the minimum group size', async () => {
    const res = await admin.request('PATCH', '/api/v1/organization', {
      name: 'Acme Inc',
      currency: 'EUR',
      minGroupSize: 7,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Acme Inc', currency: 'EUR', minGroupSize: 7 });
  });

  it('refuses to lower the minimum group size with 422 naming the field', async () => {
    const res = await admin.request('PATCH', '/api/v1/organization', { minGroupSize: 6 });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('body.minGroupSize');
  });

  it('refuses a minimum group size below the floor of 3 with 422', async () => {
    const res = await admin.request('PATCH', '/api/v1/organization', { minGroupSize: 2 });
    expect(res.statusCode).toBe(422);
  });

  it('refuses organization changes from an employee with 403', async () => {
    const res = await employee.request('PATCH', '/api/v1/organization', { name: 'Mine' });
    expect(res.statusCode).toBe(403);
  });

  it('lists and searches customers for admins', async () => {
    const all = await admin.request('GET', '/api/v1/customers?limit=1');
    expect(all.json().items).toHaveLength(1);
    expect(all.json().nextCursor).toBeTruthy();
    const found = await admin.request('GET', '/api/v1/customers?q=YAN');
    expect(found.json().items.map((c: { externalId: string }) => c.externalId)).toEqual(['C-2']);
  });

  it('upserts a customer by external id through an ingest token', async () => {
    const post = (body: object) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: { authorization: `Bearer ${ingestToken}` },
        payload: body,
      });
    const first = await post({ externalId: 'C-9', name: 'Nine', attributes: { tier: 'gold' } });
    expect(first.statusCode).toBe(201);
    const again = await post({ externalId: 'C-9', email: 'nine@example.test' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      id: first.json().id,
      name: 'Nine',
      email: 'nine@example.test',
      attributes: { tier: 'gold' },
    });
  });

  it('refuses the customer list to an employee with 403', async () => {
    expect((await employee.request('GET', '/api/v1/customers')).statusCode).toBe(403);
  });

  it('shows the latest outbox messages of the organization in the mailbox', async () => {
    await t.database.db.insert(outboxMessages).values({
      orgId,
      toAddress: 'x@example.test',
      subject: 'Reset',
      bodyText: 'link',
    });
    const res = await admin.request('GET', '/api/v1/dev/mailbox');
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ to: 'x@example.test', subject: 'Reset' });
    expect((await employee.request('GET', '/api/v1/dev/mailbox')).statusCode).toBe(403);
  });
});
