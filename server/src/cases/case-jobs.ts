import type { DbOrTx } from '../db/client.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { CASE_DIGEST_QUEUE, caseDigestHandler, scheduleCaseDigest } from './digest.ts';
import { CASE_SLA_QUEUE, caseSlaHandler, scheduleCaseSla } from './sla.ts';

/** The recurring case jobs' handlers, for the worker's handler table. */
export function caseJobHandlers(deps: { publicUrl: string }): Record<string, JobHandler> {
  return {
    [CASE_SLA_QUEUE]: caseSlaHandler(deps),
    [CASE_DIGEST_QUEUE]: caseDigestHandler(deps),
  };
}

/** At worker start: one pending SLA job and one pending digest job (singleton keys). */
export async function scheduleCaseJobs(opts: { db: DbOrTx }) {
  await scheduleCaseSla({ db: opts.db });
  await scheduleCaseDigest({ db: opts.db });
}
