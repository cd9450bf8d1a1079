import type { TenureFilter } from '@valueloop/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { employeeResults } from '../db/schema/index.ts';
import type { ResultScope } from './release-cells.ts';

export interface StoredCell {
  waveId: string;
  unitId: string;
  status: 'shown' | 'suppressed';
  n: number | null;
  means: Record<string, number | null> | null;
  tenure?: string;
  comments?: string[] | null;
}

/**
 * One released cell per unit of a wave, for one scope and tenure filter (pre-aggregated rows).
 * Survey and period are named too, so the lookup is one exact range of
 * employee_results_survey_period_idx (org, survey, period, scope, tenure).
 */
export async function getWaveCells(opts: {
  db: DbOrTx;
  orgId: string;
  surveyId: string;
  period: string;
  waveId: string;
  scope: ResultScope;
  tenure: TenureFilter;
}): Promise<Map<string, StoredCell>> {
  const rows = await opts.db
    .select({
      waveId: employeeResults.waveId,
      unitId: employeeResults.unitId,
      status: employeeResults.status,
      n: employeeResults.n,
      means: employeeResults.means,
    })
    .from(employeeResults)
    .where(
      and(
        eq(employeeResults.orgId, opts.orgId),
        eq(employeeResults.surveyId, opts.surveyId),
        eq(employeeResults.period, opts.period),
        eq(employeeResults.scope, opts.scope),
        eq(employeeResults.tenure, opts.tenure),
        eq(employeeResults.waveId, opts.waveId),
      ),
    );
  return new Map(rows.map((row) => [row.unitId, row]));
}

/** The cells of some units over some waves (trends, a team's page), with comments. */
export async function getUnitCells(opts: {
  db: DbOrTx;
  orgId: string;
  waveIds: readonly string[];
  unitIds: readonly string[];
  scope: ResultScope;
  tenures: readonly TenureFilter[];
}): Promise<StoredCell[]> {
  if (opts.waveIds.length === 0 || opts.unitIds.length === 0) return [];
  const rows = await opts.db
    .select({
      waveId: employeeResults.waveId,
      unitId: employeeResults.unitId,
      tenure: employeeResults.tenure,
      status: employeeResults.status,
      n: employeeResults.n,
      means: employeeResults.means,
      comments: employeeResults.comments,
    })
    .from(employeeResults)
    .where(
      and(
        eq(employeeResults.orgId, opts.orgId),
        inArray(employeeResults.waveId, [...opts.waveIds]),
        inArray(employeeResults.unitId, [...opts.unitIds]),
        eq(employeeResults.scope, opts.scope),
        inArray(employeeResults.tenure, [...opts.tenures]),
      ),
    );
  return rows;
}
