import type { WebhookDelivery } from '@valueloop/contracts';
import { and, arrayContains, desc, eq, lt } from 'drizzle-orm';
import { randomToken } from '../auth/secrets.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { auditLog, webhookDeliveries, webhookSubscriptions } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';

export const WEBHOOK_DISPATCH_QUEUE = 'webhooks.dispatch';
export const WEBHOOK_DELIVER_QUEUE = 'webhooks.deliver';
/** Crash retries of one attempt's job (lease expiry); the delivery's own retries are separate. */
const DELIVER_JOB_MAX_ATTEMPTS = 5;

export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export function presentDelivery(d: DeliveryRow): WebhookDelivery {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    messageId: d.messageId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

/**
 * Enqueues the job for the delivery's next attempt. The job carries the attempt's due time;
 * a job whose due time no longer matches the delivery (it was redelivered meanwhile) is stale
 * and does nothing, so a delivery never has two live attempts.
 */
export async function enqueueDeliveryAttempt(opts: {
  db: DbOrTx;
  orgId: string;
  deliveryId: number;
  due: Date;
}): Promise<void> {
  await enqueueJob({
    db: opts.db,
    queue: WEBHOOK_DELIVER_QUEUE,
    orgId: opts.orgId,
    runAt: opts.due,
    maxAttempts: DELIVER_JOB_MAX_ATTEMPTS,
    payload: { deliveryId: opts.deliveryId, due: opts.due.toISOString() },
  });
}

/** Keys of an event job's payload that are bookkeeping, not event data. */
const envelopeKeys = new Set(['type', 'subjectId', 'occurredAt', 'eventJobId']);

/**
 * The `webhooks.dispatch` event consumer: one delivery row, and one job for its first attempt,
 * per active subscription of the organization that asked for this event type. It runs in the
 * worker's transaction with the job's completion, so an event is dispatched exactly once.
 */
export const dispatchWebhooks: JobHandler = async ({ db, job }) => {
  if (!job.orgId) return;
  const type = String(job.payload.type);
  const subscriptions = await db
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(
      and(
        eq(webhookSubscriptions.orgId, job.orgId),
        eq(webhookSubscriptions.active, true),
        arrayContains(webhookSubscriptions.eventTypes, [type]),
      ),
    );
  if (subscriptions.length === 0) return;
  const data = Object.fromEntries(
    Object.entries(job.payload).filter(([key]) => !envelopeKeys.has(key)),
  );
  const payload = { type, timestamp: String(job.payload.occurredAt), data };
  const now = new Date();
  for (const s of subscriptions) {
    const [delivery] = await db
      .insert(webhookDeliveries)
      .values({
        orgId: job.orgId,
        subscriptionId: s.id,
        messageId: `msg_${randomToken(18)}`,
        eventType: type,
        payload,
        nextAttemptAt: now,
      })
      .returning({ id: webhookDeliveries.id });
    await enqueueDeliveryAttempt({ db, orgId: job.orgId, deliveryId: delivery!.id, due: now });
  }
};

async function findWebhookId(db: Db, orgId: string, webhookId: string): Promise<string> {
  const [s] = await db
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.orgId, orgId), eq(webhookSubscriptions.id, webhookId)));
  if (!s) throw notFound('Webhook');
  return s.id;
}

/** The delivery log of one subscription, newest first, by keyset on the delivery id. */
export async function listDeliveries(opts: {
  db: Db;
  orgId: string;
  webhookId: string;
  limit: number;
  cursor?: string;
}): Promise<{ items: WebhookDelivery[]; nextCursor: string | null }> {
  const subscriptionId = await findWebhookId(opts.db, opts.orgId, opts.webhookId);
  const rows = await opts.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.orgId, opts.orgId),
        eq(webhookDeliveries.subscriptionId, subscriptionId),
        opts.cursor ? lt(webhookDeliveries.id, Number(opts.cursor)) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  const more = rows.length > opts.limit;
  return {
    items: page.map(presentDelivery),
    nextCursor: more ? String(page[page.length - 1]!.id) : null,
  };
}

/**
 * Sends a delivery again, whatever its state: back to pending with a fresh attempt count and
 * its first attempt due now. The message id stays, so receivers can still de-duplicate.
 */
export async function redeliverDelivery(opts: {
  db: Db;
  orgId: string;
  actorId: string;
  deliveryId: number;
}): Promise<WebhookDelivery> {
  return opts.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ active: webhookSubscriptions.active })
      .from(webhookDeliveries)
      .innerJoin(
        webhookSubscriptions,
        eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId),
      )
      .where(
        and(eq(webhookDeliveries.orgId, opts.orgId), eq(webhookDeliveries.id, opts.deliveryId)),
      );
    if (!found) throw notFound('Webhook delivery');
    if (!found.active) {
      throw new AppError('conflict', 'The webhook is inactive; activate it before redelivering');
    }
    const due = new Date();
    const [row] = await tx
      .update(webhookDeliveries)
      .set({
        status: 'pending',
        attempts: 0,
        lastStatusCode: null,
        lastError: null,
        deliveredAt: null,
        nextAttemptAt: due,
      })
      .where(eq(webhookDeliveries.id, opts.deliveryId))
      .returning();
    await enqueueDeliveryAttempt({ db: tx, orgId: opts.orgId, deliveryId: row!.id, due });
    await tx.insert(auditLog).values({
      orgId: opts.orgId,
      actorPersonId: opts.actorId,
      action: 'webhook.redelivered',
      entityType: 'webhook_delivery',
      entityId: String(row!.id),
      detail: { messageId: row!.messageId },
    });
    return presentDelivery(row!);
  });
}
