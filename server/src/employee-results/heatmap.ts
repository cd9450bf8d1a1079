import {
  type EmployeeSurveyKind,
  employeeIndexCodes,
  type Heatmap,
  internalServiceIndexCodes,
  type ResultsQuery,
  upwardIndexCodes,
} from '@valueloop/contracts';
import type { DbOrTx } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { presentCell } from './presenters.ts';
import { listReleasedWaves, pickWave, resolveResultsSurvey } from './released-waves.ts';
import { getWaveCells } from './result-cells.ts';
import { loadVisibleUnits, type ResultsViewer } from './visible-units.ts';

/** The indices a survey kind reports (item constructs stay in the team page's breakdown). */
export function indexCodesOf(kind: EmployeeSurveyKind): readonly string[] {
  if (kind === 'internal_service') return internalServiceIndexCodes;
  if (kind === 'manager_upward') return upwardIndexCodes;
  return employeeIndexCodes;
}

/**
 * Units × indices for one released period: the viewer's units in tree order, each with its
 * released cell. Reads only `employee_results` and `units`; nothing is computed per request.
 */
export async function getHeatmap(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: ResultsViewer;
  query: ResultsQuery;
  kinds: readonly EmployeeSurveyKind[];
}): Promise<Heatmap> {
  const { db, orgId, query } = opts;
  const survey = await resolveResultsSurvey({
    db,
    orgId,
    surveyId: query.surveyId,
    kinds: opts.kinds,
  });
  if (!survey) throw new AppError('not_found', 'No employee survey has released results yet');
  const waves = await listReleasedWaves({ db, orgId, surveyId: survey.id });
  const wave = pickWave(waves, query.period);
  const codes = indexCodesOf(survey.kind);
  const [visible, cells] = await Promise.all([
    loadVisibleUnits({ db, orgId, viewer: opts.viewer }),
    wave
      ? getWaveCells({
          db,
          orgId,
          surveyId: survey.id,
          period: wave.period,
          waveId: wave.waveId,
          scope: query.scope,
          tenure: query.tenure,
        })
      : null,
  ]);
  return {
    surveyId: survey.id,
    period: wave?.period ?? null,
    scope: query.scope,
    tenure: query.tenure,
    indices: [...codes],
    periods: waves.map((w) => w.period),
    rows: cells
      ? visible.map((unit) => ({
          unitId: unit.id,
          unitName: unit.name,
          parentId: unit.parentId,
          depth: unit.depth,
          cell: presentCell(cells.get(unit.id), codes),
        }))
      : [],
  };
}
