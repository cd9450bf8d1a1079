import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { pulseWaves } from '../db/schema/index.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { EMPLOYEE_RESULTS_RELEASE_QUEUE } from '../pulses/queues.ts';

/**
 * After k or k_c went up: recompute every released wave of the organization with the new
 * thresholds (durable jobs, committed with the change). Until a wave is re-released its old
 * rows are not served: the results queries require released_k ≥ the organization's k.
 */
export async function rereleaseOrganizationResults(opts: {
  db: DbOrTx;
  orgId: string;
}): Promise<number> {
  const waves = await opts.db
    .select({ id: pulseWaves.id })
    .from(pulseWaves)
    .where(and(eq(pulseWaves.orgId, opts.orgId), eq(pulseWaves.status, 'released')));
  for (const wave of waves) {
    await enqueueJob({
      db: opts.db,
      queue: EMPLOYEE_RESULTS_RELEASE_QUEUE,
      orgId: opts.orgId,
      payload: { waveId: wave.id },
    });
  }
  return waves.length;
}
