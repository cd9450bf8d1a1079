import { hostname } from 'node:os';
import type { Db, DbOrTx } from '../db/client.ts';
import { claimJobs, completeJob, failJob, type Job } from './queue.ts';

export type JobHandler = (opts: { db: DbOrTx; job: Job }) => Promise<void>;

export interface WorkerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  pollMs?: number;
  batchSize?: number;
  leaseSeconds?: number;
  onError?: (job: Job, error: unknown) => void;
}

export interface RunningWorker {
  id: string;
  /** Processes due jobs until none are left; returns how many ran. For tests and CLI. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * A polling worker: claims due jobs with SKIP LOCKED and runs each handler inside a
 * transaction together with marking the job done, so a job's effects and its completion
 * commit atomically. A crash mid-job rolls both back and the lease expiry retries it.
 */
export function startWorker(opts: WorkerOptions): RunningWorker {
  const id = `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const queues = Object.keys(opts.handlers);
  const pollMs = opts.pollMs ?? 500;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> = Promise.resolve(0);

  async function runOne(job: Job): Promise<void> {
    const handler = opts.handlers[job.queue]!;
    try {
      await opts.db.transaction(async (tx) => {
        // Marked done first so a handler may enqueue the job's own successor (singleton keys).
        await completeJob({ db: tx, job, workerId: id });
        await handler({ db: tx, job });
      });
    } catch (error) {
      opts.onError?.(job, error);
      await failJob({ db: opts.db, job, workerId: id, error });
    }
  }

  async function tick(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await claimJobs({
        db: opts.db,
        workerId: id,
        queues,
        limit: opts.batchSize ?? 20,
        leaseSeconds: opts.leaseSeconds ?? 60,
      });
      for (const job of claimed) await runOne(job);
      total += claimed.length;
      if (claimed.length === 0 || stopped) return total;
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, pollMs);
  }
  if (queues.length > 0) schedule();

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
