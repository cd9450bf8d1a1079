import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { jobs, webhookDeliveries, webhookSubscriptions } from '../db/schema/index.ts';
import { createJobHandlers } from '../jobs/handlers.ts';
import { claimJobs } from '../jobs/queue.ts';
import { startWorker } from '../jobs/worker.ts';
import {
  createOrganization,
  createPerson,
  createResponse,
  createSurveyWithVersion,
} from '../testing/factories.ts';
import { createTestDatabase, databaseKinds, testConfig } from '../testing/harness.ts';
import { postWebhook } from './attempt.ts';
import { redeliverDelivery, WEBHOOK_DELIVER_QUEUE } from './delivery-service.ts';
import { MAX_ATTEMPTS } from './retry-schedule.ts';
import { startWebhookSender } from './sender.ts';
import { createWebhook } from './subscription-service.ts';
import { type ScriptedAnswer, startReceiver } from './test-receiver.ts';

const HOUR = 3_600_000;

describe.each(databaseKinds)('webhook delivery on %s', (kind) => {
  let database: Database;
  let now = Date.now();
  const clock = () => new Date(now);
  const handlers = createJobHandlers({ config: testConfig() });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());

  /** An organization with a published survey and a subscription to a fresh receiver. */
  async function setUp(script?: ScriptedAnswer[]) {
    now = Date.now();
    const db = database.db;
    const org = await createOrganization(db);
    const admin = await createPerson(db, org.id, { roles: ['admin'] });
    const { version } = await createSurveyWithVersion(db, org.id);
    const receiver = await startReceiver(script);
    const webhook = await createWebhook({
      db,
      orgId: org.id,
      actorId: admin.id,
      env: 'test',
      body: { url: receiver.url, eventTypes: ['response.received'] },
    });
    const respond = () => createResponse(db, version);
    return { org, admin, receiver, webhook, respond };
  }

  /** Runs the general worker (event fan-out, dispatch), then the webhook sender at `now`. */
  async function runWorkers(opts: { timeoutMs?: number } = {}) {
    const worker = startWorker({ db: database.db, handlers, pollMs: 600_000 });
    await worker.drain();
    await worker.stop();
    // The fake clock only ever runs ahead of the real one (jobs are enqueued at real time).
    now = Math.max(now, Date.now());
    const sender = startWebhookSender({
      db: database.db,
      pollMs: 600_000,
      clock,
      random: () => 0.5,
      timeoutMs: opts.timeoutMs,
    });
    await sender.drain();
    await sender.stop();
  }

  async function deliveriesOf(subscriptionId: string) {
    return database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.subscriptionId, subscriptionId));
  }

  it('posts one message per response, signed as Standard Webhooks prescribes', async () => {
    const { receiver, webhook, respond } = await setUp();
    const response = await respond();
    await runWorkers();
    await receiver.close();
    expect(receiver.received).toHaveLength(1);
    const [{ headers, body }] = receiver.received as [(typeof receiver.received)[number]];
    const id = String(headers['webhook-id']);
    const timestamp = String(headers['webhook-timestamp']);
    const key = Buffer.from(webhook.secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key)
      .update(`${id}.${timestamp}.${body}`)
      .digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(Math.abs(Number(timestamp) - now / 1000)).toBeLessThan(5);
    const message = JSON.parse(body);
    expect(message.type).toBe('response.received');
    expect(message.data.responseId).toBe(response.id);
    expect(Date.parse(message.timestamp)).not.toBeNaN();
    const [delivery] = await deliveriesOf(webhook.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200 });
    expect(delivery!.messageId).toBe(id);
  });

  it('retries a failed attempt after the backoff with the same webhook-id, then delivers', async () => {
    const { receiver, webhook, respond } = await setUp([{ status: 500 }, { status: 200 }]);
    await respond();
    await runWorkers();
    const [pending] = await deliveriesOf(webhook.id);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    expect(pending!.nextAttemptAt!.getTime() - now).toBe(5000);
    await runWorkers();
    expect(receiver.received).toHaveLength(1);
    now += 5000;
    await runWorkers();
    await receiver.close();
    expect(receiver.received).toHaveLength(2);
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(ids[1]).toBe(ids[0]);
    const [delivered] = await deliveriesOf(webhook.id);
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });
  });

  it('stops on 410 Gone and deactivates the subscription', async () => {
    const { receiver, webhook, respond } = await setUp([{ status: 410 }]);
    await respond();
    await runWorkers();
    now += 48 * HOUR;
    await respond();
    await runWorkers();
    await receiver.close();
    expect(receiver.received).toHaveLength(1);
    const rows = await deliveriesOf(webhook.id);
    expect(rows.map((d) => d.status)).toEqual(['stopped']);
    const [subscription] = await database.db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, webhook.id));
    expect(subscription!.active).toBe(false);
  });

  it('waits at least as long as Retry-After asks on 429', async () => {
    const { receiver, webhook, respond } = await setUp([
      { status: 429, headers: { 'retry-after': '7200' } },
    ]);
    await respond();
    await runWorkers();
    await receiver.close();
    const [delivery] = await deliveriesOf(webhook.id);
    expect(delivery!.nextAttemptAt!.getTime() - now).toBeGreaterThanOrEqual(7200 * 1000);
    const [job] = await database.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.queue, WEBHOOK_DELIVER_QUEUE), eq(jobs.orgId, delivery!.orgId)))
      .orderBy(jobs.id)
      .offset(1);
    expect(job!.runAt.getTime()).toBe(delivery!.nextAttemptAt!.getTime());
  });

  it('marks a delivery failed after the last of its attempts, more than a day after the first', async () => {
    const { receiver, webhook, respond } = await setUp([{ status: 500 }]);
    await respond();
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await runWorkers();
      now += 24 * HOUR;
    }
    await receiver.close();
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(8);
    const stamps = receiver.received.map((r) => Number(r.headers['webhook-timestamp']));
    expect(stamps.at(-1)! - stamps[0]!).toBeGreaterThanOrEqual(24 * 3600);
    const [delivery] = await deliveriesOf(webhook.id);
    expect(delivery).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      nextAttemptAt: null,
    });
  });

  it('sends a failed delivery again on manual redeliver, with the same webhook-id', async () => {
    const { receiver, webhook, respond, org, admin } = await setUp([
      { status: 500 },
      { status: 204 },
    ]);
    await respond();
    await runWorkers();
    const [first] = await deliveriesOf(webhook.id);
    await database.db
      .update(webhookDeliveries)
      .set({ status: 'failed', nextAttemptAt: null })
      .where(eq(webhookDeliveries.id, first!.id));
    await redeliverDelivery({
      db: database.db,
      orgId: org.id,
      actorId: admin.id,
      deliveryId: first!.id,
    });
    now += 1000;
    await runWorkers();
    await receiver.close();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(first!.messageId);
    const [delivered] = await deliveriesOf(webhook.id);
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204 });
  });

  it('sends again with the same webhook-id when a sender died between the POST and recording it', async () => {
    const { receiver, webhook, respond } = await setUp();
    await respond();
    const worker = startWorker({ db: database.db, handlers, pollMs: 600_000 });
    await worker.drain();
    await worker.stop();
    now = Date.now();
    const [claimed] = await claimJobs({
      db: database.db,
      workerId: 'crashed-sender',
      queues: [WEBHOOK_DELIVER_QUEUE],
      limit: 1,
      leaseSeconds: 60,
      now: clock(),
    });
    const [delivery] = await deliveriesOf(webhook.id);
    expect(claimed!.payload.deliveryId).toBe(delivery!.id);
    await postWebhook({
      url: receiver.url,
      secret: webhook.secret,
      messageId: delivery!.messageId,
      payload: delivery!.payload,
      now: clock(),
    });
    await runWorkers();
    expect(receiver.received).toHaveLength(1);
    now += 61_000;
    await runWorkers();
    await receiver.close();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(delivery!.messageId);
    const [done] = await deliveriesOf(webhook.id);
    expect(done!.status).toBe('delivered');
  });

  it('gives up on a receiver that does not answer within the timeout and retries later', async () => {
    const { receiver, webhook, respond } = await setUp([{ status: 200, hang: true }]);
    await respond();
    await runWorkers({ timeoutMs: 300 });
    await receiver.close();
    const [delivery] = await deliveriesOf(webhook.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(delivery!.lastError).toBe('no answer within 0.3 s');
  });
});
