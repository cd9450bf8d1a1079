import { and, desc, eq, gt, lte } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { employeeResults, organizations, pulseWaves, surveys } from '../db/schema/index.ts';
import { currentlyReleased } from '../employee-results/released-waves.ts';

export interface ReleasedPulseCell {
  period: string;
  releasedAt: Date;
  /** Null when the confidentiality engine suppressed the cell (fewer than k answers). */
  means: Record<string, number | null> | null;
}

/**
 * The unit's latest released employee-pulse cell (the unit with its subtree, all tenures),
 * released at or before `releasedBy` (and after `releasedAfter` when given). Reads only the
 * released cells: raw employee answers are never touched here. A suppressed latest cell gives
 * null means — there is no falling back to an older cell to get a number.
 */
export async function latestPulseCell(opts: {
  db: DbOrTx;
  orgId: string;
  unitId: string;
  releasedBy: Date;
  releasedAfter?: Date;
}): Promise<ReleasedPulseCell | null> {
  const [row] = await opts.db
    .select({
      period: employeeResults.period,
      releasedAt: pulseWaves.releasedAt,
      status: employeeResults.status,
      means: employeeResults.means,
    })
    .from(employeeResults)
    .innerJoin(pulseWaves, eq(pulseWaves.id, employeeResults.waveId))
    .innerJoin(surveys, eq(surveys.id, employeeResults.surveyId))
    // Released with the organization's current thresholds (a raised k hides older releases).
    .innerJoin(organizations, eq(organizations.id, employeeResults.orgId))
    .where(
      and(
        eq(employeeResults.orgId, opts.orgId),
        eq(employeeResults.unitId, opts.unitId),
        eq(employeeResults.scope, 'subtree'),
        eq(employeeResults.tenure, 'all'),
        eq(surveys.kind, 'employee_pulse'),
        currentlyReleased,
        lte(pulseWaves.releasedAt, opts.releasedBy),
        opts.releasedAfter ? gt(pulseWaves.releasedAt, opts.releasedAfter) : undefined,
      ),
    )
    .orderBy(desc(pulseWaves.releasedAt), desc(employeeResults.period))
    .limit(1);
  if (!row?.releasedAt) return null;
  return {
    period: row.period,
    releasedAt: row.releasedAt,
    means: row.status === 'shown' ? (row.means ?? null) : null,
  };
}
