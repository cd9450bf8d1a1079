import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { webhookDeliveries, webhookSubscriptions } from '../db/schema/index.ts';
import { type DeliveryRow, enqueueDeliveryAttempt } from './delivery-service.ts';
import { MAX_ATTEMPTS, parseRetryAfter, retryDelayAfter } from './retry-schedule.ts';
import { signWebhook } from './signing.ts';

export const WEBHOOK_TIMEOUT_MS = 10_000;

/** What one HTTP attempt came to: an answer with a status, or no answer at all. */
export type AttemptOutcome =
  | { kind: 'answered'; status: number; retryAfter: string | null; detail: string }
  | { kind: 'unreachable'; error: string };

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : null;
  if (cause?.code) return `connection failed: ${cause.code}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * POSTs one Standard Webhooks message: `webhook-id` (the delivery's message id, the same on
 * every attempt), `webhook-timestamp` (unix seconds of this attempt) and `webhook-signature`.
 * Redirects are not followed. The whole exchange, body included, is bounded by `timeoutMs`.
 */
export async function postWebhook(opts: {
  url: string;
  secret: string;
  messageId: string;
  payload: Record<string, unknown>;
  now: Date;
  timeoutMs?: number;
}): Promise<AttemptOutcome> {
  const timeoutMs = opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const body = JSON.stringify(opts.payload);
  const timestamp = Math.floor(opts.now.getTime() / 1000);
  try {
    const res = await fetch(opts.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'ValueLoop-Webhooks/1',
        'webhook-id': opts.messageId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook({
          secret: opts.secret,
          messageId: opts.messageId,
          timestamp,
          body,
        }),
      },
      body,
    });
    const text = await res.text();
    return {
      kind: 'answered',
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      detail: `HTTP ${res.status}${text ? `: ${text.slice(0, 300)}` : ''}`,
    };
  } catch (error) {
    return { kind: 'unreachable', error: describeError(error, timeoutMs) };
  }
}

/**
 * Records an attempt's outcome, in the caller's transaction: 2xx → delivered; 410 → stopped
 * and the subscription deactivated; otherwise the next attempt by the retry schedule (at least
 * as late as a 429/503 `Retry-After`), or failed when no attempt is left. Only the attempt that
 * is still current (`due`) is recorded: a redelivery meanwhile wins. Returns the updated row.
 */
export async function recordAttempt(opts: {
  db: DbOrTx;
  delivery: DeliveryRow;
  due: Date;
  outcome: AttemptOutcome;
  now: Date;
  random?: () => number;
}): Promise<DeliveryRow | null> {
  const { delivery, outcome, now } = opts;
  const attempts = delivery.attempts + 1;
  const status = outcome.kind === 'answered' ? outcome.status : null;
  const common = {
    attempts,
    lastStatusCode: status,
    lastError: outcome.kind === 'answered' ? outcome.detail : outcome.error,
    nextAttemptAt: null,
  };
  let change: Partial<DeliveryRow>;
  if (status !== null && status >= 200 && status < 300) {
    change = { ...common, status: 'delivered', lastError: null, deliveredAt: now };
  } else if (status === 410) {
    change = { ...common, status: 'stopped' };
  } else {
    const delay = retryDelayAfter(attempts, opts.random);
    const asked =
      outcome.kind === 'answered' && (status === 429 || status === 503)
        ? parseRetryAfter(outcome.retryAfter, now)
        : null;
    change =
      delay === null || attempts >= MAX_ATTEMPTS
        ? { ...common, status: 'failed' }
        : { ...common, nextAttemptAt: new Date(now.getTime() + Math.max(delay, asked ?? 0)) };
  }
  const [row] = await opts.db
    .update(webhookDeliveries)
    .set(change)
    .where(
      and(
        eq(webhookDeliveries.id, delivery.id),
        eq(webhookDeliveries.status, 'pending'),
        eq(webhookDeliveries.nextAttemptAt, opts.due),
      ),
    )
    .returning();
  if (!row) return null;
  if (row.status === 'stopped') {
    await opts.db
      .update(webhookSubscriptions)
      .set({ active: false })
      .where(eq(webhookSubscriptions.id, row.subscriptionId));
  }
  if (row.status === 'pending' && row.nextAttemptAt) {
    await enqueueDeliveryAttempt({
      db: opts.db,
      orgId: row.orgId,
      deliveryId: row.id,
      due: row.nextAttemptAt,
    });
  }
  return row;
}
