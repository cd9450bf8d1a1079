import { deleteExpiredSessions } from '../auth/session-service.ts';
import type { DbOrTx } from '../db/client.ts';
import { enqueueJob } from './queue.ts';
import type { JobHandler } from './worker.ts';

export const HOUSEKEEPING_QUEUE = 'housekeeping';
const EVERY_MS = 60 * 60 * 1000;

/** Ensures exactly one pending housekeeping job exists (singleton key). */
export async function scheduleHousekeeping(opts: { db: DbOrTx; runAt?: Date }) {
  await enqueueJob({
    db: opts.db,
    queue: HOUSEKEEPING_QUEUE,
    payload: {},
    runAt: opts.runAt,
    singletonKey: 'housekeeping',
  });
}

/** Hourly: removes expired sessions, then schedules its next run in the same transaction. */
export const runHousekeeping: JobHandler = async ({ db }) => {
  await deleteExpiredSessions({ db });
  await scheduleHousekeeping({ db, runAt: new Date(Date.now() + EVERY_MS) });
};
