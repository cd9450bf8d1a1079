import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { employeeResults, pulseWaves, rootCauses } from '../db/schema/index.ts';
import { createPulseWave } from '../testing/factories.ts';

/** Test fixtures of the action-plan tests: released pulse cells and root causes, written directly. */

/**
 * A released employee-pulse wave with one cell for the unit (with its subtree, all tenures):
 * shown with `means`, or suppressed (null n and means, as the confidentiality engine writes it).
 */
export async function createReleasedPulseCell(
  db: Db,
  opts: {
    orgId: string;
    unitId: string;
    releasedAt: Date;
    means?: Record<string, number>;
    suppressed?: boolean;
  },
) {
  const period = opts.releasedAt.toISOString().slice(0, 7);
  const { survey, wave } = await createPulseWave(db, opts.orgId, { period, status: 'released' });
  await db
    .update(pulseWaves)
    .set({ releasedAt: opts.releasedAt, releasedK: 5, releasedKComments: 10 })
    .where(eq(pulseWaves.id, wave.id));
  await db.insert(employeeResults).values({
    orgId: opts.orgId,
    waveId: wave.id,
    surveyId: survey.id,
    period,
    unitId: opts.unitId,
    scope: 'subtree',
    tenure: 'all',
    status: opts.suppressed ? 'suppressed' : 'shown',
    n: opts.suppressed ? null : 12,
    means: opts.suppressed ? null : (opts.means ?? {}),
  });
  return { waveId: wave.id, period };
}

export async function createRootCause(db: Db, orgId: string, name: string) {
  const [row] = await db.insert(rootCauses).values({ orgId, name }).returning();
  return row!;
}
