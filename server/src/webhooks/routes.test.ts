import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, webhookDeliveries } from '../db/schema/index.ts';
import { createOrganization, createPerson } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';
import { WEBHOOK_DELIVER_QUEUE } from './delivery-service.ts';
import { checkWebhookUrl } from './subscription-service.ts';

const hook = { url: 'https://hooks.example.test/in', eventTypes: ['response.received'] };

describe.each(databaseKinds)('webhooks API on %s', (kind) => {
  let t: TestApp;
  let admin: SignedIn;
  let orgId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const org = await createOrganization(t.database.db);
    orgId = org.id;
    const person = await createPerson(t.database.db, org.id, { roles: ['admin'] });
    admin = await signInAs(t.app, person.email);
  });
  afterAll(() => t.close());

  async function create(body: object = hook) {
    const res = await admin.request('POST', '/api/v1/webhooks', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; secret: string };
  }

  async function addDeliveries(subscriptionId: string, n: number) {
    const rows = await t.database.db
      .insert(webhookDeliveries)
      .values(
        Array.from({ length: n }, (_, i) => ({
          orgId,
          subscriptionId,
          messageId: `msg_${i}`,
          eventType: 'response.received',
          payload: {},
          status: 'failed' as const,
          attempts: 9,
        })),
      )
      .returning();
    return rows;
  }

  it('shows the whsec_ signing secret once, at creation, and never in the list', async () => {
    const created = await create();
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const list = await admin.request('GET', '/api/v1/webhooks');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((w: { id: string }) => w.id)).toContain(created.id);
    expect(list.body).not.toContain(created.secret);
  });

  it('refuses a plain-http URL to another host, naming the field', async () => {
    const res = await admin.request('POST', '/api/v1/webhooks', {
      ...hook,
      url: 'http://hooks.example.test/in',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'body.url', message: expect.any(String) }]);
  });

  it('accepts plain http to localhost outside production only', () => {
    expect(() => checkWebhookUrl('http://127.0.0.1:9999/x', 'development')).not.toThrow();
    expect(() => checkWebhookUrl('http://localhost/x', 'production')).toThrow();
  });

  it('refuses an event type it does not know', async () => {
    const res = await admin.request('POST', '/api/v1/webhooks', { ...hook, eventTypes: ['nope'] });
    expect(res.statusCode).toBe(422);
  });

  it('changes the URL, event types and active flag', async () => {
    const { id } = await create();
    const res = await admin.request('PATCH', `/api/v1/webhooks/${id}`, {
      url: 'https://other.example.test/hook',
      active: false,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ url: 'https://other.example.test/hook', active: false });
  });

  it('deletes a webhook with its delivery log', async () => {
    const { id } = await create();
    await addDeliveries(id, 1);
    expect((await admin.request('DELETE', `/api/v1/webhooks/${id}`)).statusCode).toBe(200);
    expect((await admin.request('GET', `/api/v1/webhooks/${id}/deliveries`)).statusCode).toBe(404);
  });

  it('lists deliveries newest first, a page at a time', async () => {
    const { id } = await create();
    const rows = await addDeliveries(id, 3);
    const first = await admin.request('GET', `/api/v1/webhooks/${id}/deliveries?limit=2`);
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json();
    expect(page.items.map((d: { id: number }) => d.id)).toEqual([rows[2]!.id, rows[1]!.id]);
    expect(page.items[0]).toMatchObject({ status: 'failed', attempts: 9, messageId: 'msg_2' });
    const next = await admin.request(
      'GET',
      `/api/v1/webhooks/${id}/deliveries?limit=2&cursor=${page.nextCursor}`,
    );
    expect(next.json()).toMatchObject({ items: [{ id: rows[0]!.id }], nextCursor: null });
  });

  it('redelivers a delivery: back to pending with an attempt due now', async () => {
    const { id } = await create();
    const [delivery] = await addDeliveries(id, 1);
    const res = await admin.request(
      'POST',
      `/api/v1/webhooks/deliveries/${delivery!.id}/redeliver`,
    );
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: 'pending', attempts: 0, messageId: 'msg_0' });
    const queued = await t.database.db
      .select()
      .from(jobs)
      .where(eq(jobs.queue, WEBHOOK_DELIVER_QUEUE));
    expect(queued.map((j) => j.payload.deliveryId)).toContain(delivery!.id);
  });

  it('answers 409 to a redeliver on an inactive webhook', async () => {
    const { id } = await create();
    const [delivery] = await addDeliveries(id, 1);
    await admin.request('PATCH', `/api/v1/webhooks/${id}`, { active: false });
    const res = await admin.request(
      'POST',
      `/api/v1/webhooks/deliveries/${delivery!.id}/redeliver`,
    );
    expect(res.statusCode).toBe(409);
  });

  it('answers 404 to an unknown delivery id', async () => {
    const res = await admin.request('POST', '/api/v1/webhooks/deliveries/999999/redeliver');
    expect(res.statusCode).toBe(404);
  });
});
