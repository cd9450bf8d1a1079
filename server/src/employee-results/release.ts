import { and, eq, sql } from 'drizzle-orm';
import { createDisclosureContext } from '../confidentiality/index.ts';
import type { DbOrTx } from '../db/client.ts';
import {
  employeeResults,
  organizations,
  pulsePrograms,
  pulseWaves,
  surveys,
  units,
} from '../db/schema/index.ts';
import { insertColumns } from '../demo/bulk-insert.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { releaseFamily } from './release-cells.ts';
import { getWaveStrata } from './wave-strata.ts';

export interface ReleaseSummary {
  waveId: string;
  cells: number;
  shown: number;
  k: number;
  kComments: number;
  /** Where the time went (ms): summing strata in SQL, the engine, writing the rows. */
  timings: { strata: number; engine: number; write: number };
}

/**
 * Computes a closed wave's released cells, once, in ONE disclosure context: every unit × scope
 * × tenure filter of the period, so any combination of released cells keeps every atom at 0 or
 * ≥ k responses (per index; comments with k_c). Replaces the wave's previous rows, so a rerun
 * (e.g. after k was raised) is idempotent. The wave row is locked for the whole release.
 */
export async function releaseWaveResults(opts: {
  db: DbOrTx;
  waveId: string;
}): Promise<ReleaseSummary> {
  return opts.db.transaction(async (tx) => {
    const [wave] = await tx
      .select({
        id: pulseWaves.id,
        orgId: pulseWaves.orgId,
        period: pulseWaves.period,
        status: pulseWaves.status,
        surveyId: pulsePrograms.surveyId,
        kind: surveys.kind,
        k: organizations.minGroupSize,
        kComments: organizations.minCommentGroupSize,
      })
      .from(pulseWaves)
      .innerJoin(pulsePrograms, eq(pulsePrograms.id, pulseWaves.programId))
      .innerJoin(surveys, eq(surveys.id, pulsePrograms.surveyId))
      .innerJoin(organizations, eq(organizations.id, pulseWaves.orgId))
      .where(eq(pulseWaves.id, opts.waveId))
      .for('update', { of: pulseWaves });
    if (!wave) throw notFound('Wave');
    if (wave.status === 'open') {
      throw new AppError('conflict', 'Results are released only after the wave has closed');
    }
    const kComments = Math.max(wave.kComments, wave.k);
    let clock = performance.now();
    const lap = () => {
      const elapsed = Math.round(performance.now() - clock);
      clock = performance.now();
      return elapsed;
    };
    const unitRows = await tx
      .select({ id: units.id, parentId: units.parentId })
      .from(units)
      .where(eq(units.orgId, wave.orgId));
    const { strata, codes } = await getWaveStrata({
      db: tx,
      orgId: wave.orgId,
      waveId: wave.id,
      period: wave.period,
      byRatedUnit: wave.kind === 'internal_service',
    });
    const strataMs = lap();
    const { cells, addresses } = releaseFamily(
      unitRows.map((u) => u.id),
      wave.period,
    );
    const results = createDisclosureContext({
      units: unitRows,
      strata,
      indices: codes,
      k: wave.k,
      kComments,
      seed: seedOf(wave.id),
    }).release(cells);
    const engineMs = lap();

    await tx
      .delete(employeeResults)
      .where(and(eq(employeeResults.orgId, wave.orgId), eq(employeeResults.waveId, wave.id)));
    const rows = results.map((result, i) => {
      const shown = result.status === 'shown';
      return {
        unitId: addresses[i].unitId,
        scope: addresses[i].scope,
        tenure: addresses[i].tenure,
        status: result.status,
        n: shown ? result.n : null,
        means: shown ? roundMeans(result.means) : null,
        comments: shown && result.comments?.status === 'shown' ? [...result.comments.texts] : null,
      };
    });
    const column = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
    await insertColumns(tx, employeeResults, [
      [employeeResults.orgId, column(() => wave.orgId)],
      [employeeResults.waveId, column(() => wave.id)],
      [employeeResults.surveyId, column(() => wave.surveyId)],
      [employeeResults.period, column(() => wave.period)],
      [employeeResults.unitId, column((r) => r.unitId)],
      [employeeResults.scope, column((r) => r.scope)],
      [employeeResults.tenure, column((r) => r.tenure)],
      [employeeResults.status, column((r) => r.status)],
      [employeeResults.n, column((r) => r.n)],
      [employeeResults.means, column((r) => r.means)],
      [employeeResults.comments, column((r) => r.comments)],
    ]);
    await tx
      .update(pulseWaves)
      .set({
        status: 'released',
        releasedK: wave.k,
        releasedKComments: kComments,
        releasedAt: sql`now()`,
      })
      .where(eq(pulseWaves.id, wave.id));
    const shown = rows.filter((r) => r.status === 'shown').length;
    const timings = { strata: strataMs, engine: engineMs, write: lap() };
    return { waveId: wave.id, cells: rows.length, shown, k: wave.k, kComments, timings };
  });
}

/** Job `employee-results.release` with payload { waveId }. */
export const runEmployeeResultsRelease: JobHandler = async ({ db, job }) => {
  const waveId = (job.payload as { waveId?: unknown }).waveId;
  if (typeof waveId !== 'string') throw new AppError('bad_request', 'Job payload needs waveId');
  await releaseWaveResults({ db, waveId });
};

/** Two decimals are plenty for a mean of 0–100 scores, and keep the rows small. */
function roundMeans(means: Readonly<Record<string, number | null>>): Record<string, number | null> {
  const rounded: Record<string, number | null> = {};
  for (const [code, mean] of Object.entries(means)) {
    rounded[code] = mean === null ? null : Math.round(mean * 100) / 100;
  }
  return rounded;
}

/** The comment shuffle's seed: fixed per wave, so a rerun shows the same order. */
function seedOf(waveId: string): number {
  return Number.parseInt(waveId.replaceAll('-', '').slice(0, 8), 16) >>> 0;
}
