import type { DbOrTx } from '../db/client.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';

/** Domain events; each is one durable job row committed with the change that caused it. */
export const eventTypes = ['response.received'] as const;
export type EventType = (typeof eventTypes)[number];

export const eventQueue = (type: EventType) => `event:${type}`;

/**
 * Consumers of each event type. The event's own job fans out one job per consumer, so each
 * consumer retries on its own and a slow consumer never blocks another. Later modules (cases,
 * recognition, rollups) add their queue names here and a handler in jobs/handlers.ts.
 */
export const eventConsumers: Record<EventType, string[]> = {
  'response.received': ['webhooks.dispatch', 'cases.open', 'cases.resurvey-answered'],
};

export async function emitEvent(opts: {
  db: DbOrTx;
  orgId: string;
  type: EventType;
  /** The entity the event is about; callers emit once per (type, subject). */
  subjectId: string;
  payload: Record<string, unknown>;
}): Promise<void> {
  await enqueueJob({
    db: opts.db,
    queue: eventQueue(opts.type),
    orgId: opts.orgId,
    payload: {
      type: opts.type,
      subjectId: opts.subjectId,
      occurredAt: new Date().toISOString(),
      ...opts.payload,
    },
  });
}

/**
 * Fans an event out to its consumers. The worker runs this in the same transaction that marks
 * the event job done, so the fan-out happens exactly once: a crash rolls back both.
 */
export function fanOutHandler(
  type: EventType,
  consumers: Record<EventType, string[]> = eventConsumers,
): JobHandler {
  return async ({ db, job }) => {
    for (const consumer of consumers[type]) {
      await enqueueJob({
        db,
        queue: consumer,
        orgId: job.orgId,
        payload: { ...job.payload, eventJobId: job.id },
      });
    }
  };
}
