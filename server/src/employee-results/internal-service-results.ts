import type { InternalServiceResults, ResultsQuery } from '@valueloop/contracts';
import type { DbOrTx } from '../db/client.ts';
import { indexCodesOf } from './heatmap.ts';
import { presentCell, presentComments } from './presenters.ts';
import { listReleasedWaves, pickWave, resolveResultsSurvey } from './released-waves.ts';
import { getUnitCells } from './result-cells.ts';
import { loadVisibleUnits, type ResultsViewer } from './visible-units.ts';

const trendLength = 12;

/**
 * Internal service quality of the back-office units the viewer may see, as rated by the units
 * they serve: the latest released cell, its comments and a trend. The cells are keyed by the
 * RATED unit (see wave-strata.ts), so a back-office manager reads their own unit's ratings.
 */
export async function getInternalServiceResults(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: ResultsViewer;
  query: ResultsQuery;
}): Promise<InternalServiceResults> {
  const { db, orgId, query } = opts;
  const survey = await resolveResultsSurvey({
    db,
    orgId,
    surveyId: query.surveyId,
    kinds: ['internal_service'],
  });
  if (!survey) return { surveyId: null, period: null, periods: [], rows: [] };
  const waves = await listReleasedWaves({ db, orgId, surveyId: survey.id });
  const latest = pickWave(waves, query.period);
  const upTo = latest ? waves.indexOf(latest) + 1 : 0;
  const trendWaves = waves.slice(Math.max(0, upTo - trendLength), upTo);
  const backOffice = (await loadVisibleUnits({ db, orgId, viewer: opts.viewer })).filter(
    (u) => u.kind === 'back_office',
  );
  const cells = await getUnitCells({
    db,
    orgId,
    waveIds: trendWaves.map((w) => w.waveId),
    unitIds: backOffice.map((u) => u.id),
    scope: query.scope,
    tenures: [query.tenure],
  });
  const byKey = new Map(cells.map((c) => [`${c.waveId}|${c.unitId}`, c]));
  const codes = indexCodesOf(survey.kind);
  return {
    surveyId: survey.id,
    period: latest?.period ?? null,
    periods: waves.map((w) => w.period),
    rows: backOffice.map((unit) => {
      const latestCell = byKey.get(`${latest?.waveId}|${unit.id}`);
      return {
        unitId: unit.id,
        unitName: unit.name,
        cell: presentCell(latestCell, codes),
        comments: presentComments(latestCell),
        trend: trendWaves.map((w) => ({
          period: w.period,
          cell: presentCell(byKey.get(`${w.waveId}|${unit.id}`), codes),
        })),
      };
    }),
  };
}
