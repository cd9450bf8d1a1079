import { hostname } from 'node:os';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { webhookDeliveries, webhookSubscriptions } from '../db/schema/index.ts';
import { claimJobs, completeJob, failJob, type Job } from '../jobs/queue.ts';
import type { RunningWorker } from '../jobs/worker.ts';
import { postWebhook, recordAttempt } from './attempt.ts';
import { WEBHOOK_DELIVER_QUEUE } from './delivery-service.ts';

export interface WebhookSenderOptions {
  db: Db;
  pollMs?: number;
  /** Deliveries attempted at once; one slow receiver holds only its own slot. */
  concurrency?: number;
  timeoutMs?: number;
  /** The time source, so tests can step through the retry schedule. */
  clock?: () => Date;
  random?: () => number;
}

/**
 * The worker loop for `webhooks.deliver` jobs. It is separate from the general job worker
 * because that one runs each handler inside a database transaction, and an HTTP call to a
 * customer's server must not hold a transaction (on PGlite, the whole database) for up to the
 * timeout. Here a claimed job is a lease (longer than the timeout): the POST happens outside
 * any transaction, then one transaction records the outcome and completes the job. A crash in
 * between leaves the job claimed; when the lease expires it is sent again with the same
 * `webhook-id` — at-least-once delivery, de-duplicable by the receiver.
 */
export function startWebhookSender(opts: WebhookSenderOptions): RunningWorker {
  const id = `${hostname()}:${process.pid}:webhooks:${crypto.randomUUID().slice(0, 8)}`;
  const clock = opts.clock ?? (() => new Date());
  const timeoutMs = opts.timeoutMs;
  const leaseSeconds = Math.ceil((timeoutMs ?? 10_000) / 1000) + 50;
  const { db } = opts;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> = Promise.resolve(0);

  async function attempt(job: Job): Promise<void> {
    const deliveryId = Number(job.payload.deliveryId);
    const due = new Date(String(job.payload.due));
    const [target] = await db
      .select({ delivery: webhookDeliveries, subscription: webhookSubscriptions })
      .from(webhookDeliveries)
      .innerJoin(
        webhookSubscriptions,
        eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId),
      )
      .where(eq(webhookDeliveries.id, deliveryId));
    const current =
      target?.delivery.status === 'pending' &&
      target.delivery.nextAttemptAt?.getTime() === due.getTime();
    if (!target || !current) {
      await completeJob({ db, job, workerId: id });
      return;
    }
    const { delivery, subscription } = target;
    if (!subscription.active) {
      await db.transaction(async (tx) => {
        await tx
          .update(webhookDeliveries)
          .set({ status: 'stopped', lastError: 'the webhook is inactive', nextAttemptAt: null })
          .where(
            and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.status, 'pending')),
          );
        await completeJob({ db: tx, job, workerId: id });
      });
      return;
    }
    const outcome = await postWebhook({
      url: subscription.url,
      secret: subscription.secret,
      messageId: delivery.messageId,
      payload: delivery.payload,
      now: clock(),
      timeoutMs,
    });
    await db.transaction(async (tx) => {
      await recordAttempt({ db: tx, delivery, due, outcome, now: clock(), random: opts.random });
      await completeJob({ db: tx, job, workerId: id });
    });
  }

  async function attemptOrRetry(job: Job): Promise<void> {
    try {
      await attempt(job);
    } catch (error) {
      // Recording failed (the POST may have happened): the job runs again, same webhook-id.
      await failJob({ db, job, workerId: id, error, now: clock() });
    }
  }

  async function tick(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await claimJobs({
        db,
        workerId: id,
        queues: [WEBHOOK_DELIVER_QUEUE],
        limit: opts.concurrency ?? 10,
        leaseSeconds,
        now: clock(),
      });
      await Promise.all(claimed.map(attemptOrRetry));
      total += claimed.length;
      if (claimed.length === 0 || stopped) return total;
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch(() => 0)
        .finally(schedule);
    }, opts.pollMs ?? 1000);
  }
  schedule();

  return {
    id,
    drain: () => {
      running = running.then(() => tick());
      return running;
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => 0);
    },
  };
}
