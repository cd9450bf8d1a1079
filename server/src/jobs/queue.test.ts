import { eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';
import {
  createPostgresTestDatabase,
  createTestDatabase,
  databaseKinds,
} from '../testing/harness.ts';
import { claimJobs, enqueueJob, retryDelayMs } from './queue.ts';
import { startWorker } from './worker.ts';

describe.each(databaseKinds)('durable job queue on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('skips a second pending job with the same singleton key', async () => {
    const first = await enqueueJob({
      db: database.db,
      queue: 'q.single',
      payload: {},
      singletonKey: 'k1',
    });
    const second = await enqueueJob({
      db: database.db,
      queue: 'q.single',
      payload: {},
      singletonKey: 'k1',
    });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
  });

  it('retries a failed job later and records the error', async () => {
    const job = await enqueueJob({ db: database.db, queue: 'q.fail', payload: {} });
    const worker = startWorker({
      db: database.db,
      pollMs: 60_000,
      handlers: {
        'q.fail': async () => {
          throw new Error('boom');
        },
      },
    });
    await worker.drain();
    await worker.stop();
    const [row] = await database.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(row!.doneAt).toBeNull();
    expect(row!.lastError).toBe('boom');
    expect(row!.attempts).toBe(1);
    expect(row!.runAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('rolls back a handler’s writes when it fails, so no half-done work stays', async () => {
    const job = await enqueueJob({ db: database.db, queue: 'q.partial', payload: {} });
    const worker = startWorker({
      db: database.db,
      pollMs: 60_000,
      handlers: {
        'q.partial': async ({ db }) => {
          await enqueueJob({ db, queue: 'q.side-effect', payload: { from: 'partial' } });
          throw new Error('crash after a write');
        },
      },
    });
    await worker.drain();
    await worker.stop();
    const side = await database.db.select().from(jobs).where(eq(jobs.queue, 'q.side-effect'));
    expect(side).toHaveLength(0);
    const [row] = await database.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(row!.doneAt).toBeNull();
  });

  it('hands a job whose worker died to another worker once the lease expires', async () => {
    await enqueueJob({ db: database.db, queue: 'q.lease', payload: {} });
    const t0 = new Date();
    const [claimed] = await claimJobs({
      db: database.db,
      workerId: 'dead',
      queues: ['q.lease'],
      limit: 1,
      leaseSeconds: 30,
      now: t0,
    });
    expect(claimed).toBeDefined();
    const during = await claimJobs({
      db: database.db,
      workerId: 'other',
      queues: ['q.lease'],
      limit: 1,
      leaseSeconds: 30,
      now: new Date(t0.getTime() + 10_000),
    });
    expect(during).toHaveLength(0);
    const after = await claimJobs({
      db: database.db,
      workerId: 'other',
      queues: ['q.lease'],
      limit: 1,
      leaseSeconds: 30,
      now: new Date(t0.getTime() + 31_000),
    });
    expect(after.map((j) => j.id)).toEqual([claimed!.id]);
    expect(after[0]!.attempts).toBe(2);
  });
});

describe('durable job queue with concurrent workers on postgres', () => {
  it('never runs the same job twice when two workers with their own connections compete', async () => {
    const url = await createPostgresTestDatabase();
    const first = await openDatabase({ kind: 'postgres', url });
    await first.migrate();
    // A second pool on the same database, as a second worker process would have.
    const second = await openDatabase({ kind: 'postgres', url });
    const n = 300;
    for (let i = 0; i < n; i += 100) {
      await first.db
        .insert(jobs)
        .values(
          Array.from({ length: 100 }, (_, k) => ({ queue: 'q.count', payload: { i: i + k } })),
        );
    }
    const seen: number[] = [];
    const handler = async ({ job }: { job: { payload: Record<string, unknown> } }) => {
      seen.push(job.payload.i as number);
      await new Promise((r) => setTimeout(r, 1));
    };
    const w1 = startWorker({
      db: first.db,
      handlers: { 'q.count': handler },
      pollMs: 60_000,
      batchSize: 5,
    });
    const w2 = startWorker({
      db: second.db,
      handlers: { 'q.count': handler },
      pollMs: 60_000,
      batchSize: 5,
    });
    await Promise.all([w1.drain(), w2.drain()]);
    await Promise.all([w1.stop(), w2.stop()]);
    expect(seen).toHaveLength(n);
    expect(new Set(seen).size).toBe(n);
    const pending = await first.db.select().from(jobs).where(isNull(jobs.doneAt));
    expect(pending).toHaveLength(0);
    await second.close();
    await first.close();
  });
});

describe('retry delays', () => {
  it('grow exponentially with jitter and stay under an hour', () => {
    expect(retryDelayMs(1, () => 0)).toBe(1000);
    expect(retryDelayMs(3, () => 1)).toBe(8000);
    expect(retryDelayMs(30, () => 1)).toBe(3_600_000);
  });
});
