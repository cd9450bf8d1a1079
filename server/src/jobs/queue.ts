import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';

export type Job = typeof jobs.$inferSelect;

/**
 * Adds a durable job. Pass the caller's transaction so the job commits (or not) with the
 * change that caused it. With a `singletonKey`, a second pending job with that key is skipped.
 */
export async function enqueueJob(opts: {
  db: DbOrTx;
  queue: string;
  payload: Record<string, unknown>;
  orgId?: string | null;
  runAt?: Date;
  maxAttempts?: number;
  singletonKey?: string;
}): Promise<Job | null> {
  const [row] = await opts.db
    .insert(jobs)
    .values({
      queue: opts.queue,
      payload: opts.payload,
      orgId: opts.orgId ?? null,
      runAt: opts.runAt ?? new Date(),
      maxAttempts: opts.maxAttempts ?? 10,
      singletonKey: opts.singletonKey ?? null,
    })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

/**
 * Claims up to `limit` due jobs with FOR UPDATE SKIP LOCKED, so concurrent workers never
 * take the same job. A claim is a lease: if the worker dies, the job is due again after
 * `leaseSeconds` and is retried (attempts counts every claim).
 */
export async function claimJobs(opts: {
  db: DbOrTx;
  workerId: string;
  queues: readonly string[];
  limit: number;
  leaseSeconds: number;
  now?: Date;
}): Promise<Job[]> {
  const now = opts.now ?? new Date();
  const due = opts.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        isNull(jobs.doneAt),
        inArray(jobs.queue, [...opts.queues]),
        lte(jobs.runAt, now),
        or(isNull(jobs.lockedUntil), lt(jobs.lockedUntil, now)),
        lt(jobs.attempts, jobs.maxAttempts),
      ),
    )
    .orderBy(asc(jobs.runAt), asc(jobs.id))
    .limit(opts.limit)
    .for('update', { skipLocked: true });
  return opts.db
    .update(jobs)
    .set({
      lockedBy: opts.workerId,
      lockedUntil: new Date(now.getTime() + opts.leaseSeconds * 1000),
      attempts: sql`${jobs.attempts} + 1`,
    })
    .where(inArray(jobs.id, due))
    .returning();
}

export async function completeJob(opts: { db: DbOrTx; job: Job; workerId: string }): Promise<void> {
  await opts.db
    .update(jobs)
    .set({ doneAt: new Date(), lockedUntil: null, lastError: null })
    .where(and(eq(jobs.id, opts.job.id), eq(jobs.lockedBy, opts.workerId)));
}

/** Exponential backoff with full jitter: up to 2^attempt seconds, capped at one hour. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(3_600_000, 1000 * 2 ** attempt);
  return Math.round(cap / 2 + (random() * cap) / 2);
}

export async function failJob(opts: {
  db: DbOrTx;
  job: Job;
  workerId: string;
  error: unknown;
  now?: Date;
}): Promise<void> {
  const now = opts.now ?? new Date();
  const message = opts.error instanceof Error ? opts.error.message : String(opts.error);
  await opts.db
    .update(jobs)
    .set({
      lockedUntil: null,
      lastError: message.slice(0, 2000),
      runAt: new Date(now.getTime() + retryDelayMs(opts.job.attempts)),
    })
    .where(and(eq(jobs.id, opts.job.id), eq(jobs.lockedBy, opts.workerId)));
}
