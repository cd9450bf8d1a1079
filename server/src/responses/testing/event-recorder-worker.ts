// A worker process for the events test: consumes response.received jobs with the real
// `startWorker` and records each one in `event_records` inside the job's own transaction.
// Run: node --import tsx event-recorder-worker.ts DATABASE_URL LEASE_SECONDS DELAY_MS
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../db/client.ts';
import { eventQueue } from '../../events/events.ts';
import { startWorker } from '../../jobs/worker.ts';

const [url, leaseSeconds = '2', delayMs = '0'] = process.argv.slice(2);
if (!url)
  throw new Error('usage: event-recorder-worker.ts DATABASE_URL [LEASE_SECONDS] [DELAY_MS]');
const database = await openDatabase({ kind: 'postgres', url });
const delay = Number(delayMs);

const worker = startWorker({
  db: database.db,
  pollMs: 50,
  batchSize: 10,
  leaseSeconds: Number(leaseSeconds),
  handlers: {
    [eventQueue('response.received')]: async ({ db, job }) => {
      await db.execute(
        sql`insert into event_records (job_id, response_id, worker) values (${job.id}, ${String(job.payload.responseId)}::uuid, ${process.pid})`,
      );
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    },
  },
});
process.stdout.write('ready\n');
process.once('SIGTERM', async () => {
  await worker.stop();
  await database.close();
  process.exit(0);
});
