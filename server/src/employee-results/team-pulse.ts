import type { SurveyDefinition, TeamPulse, teamPulseQuerySchema } from '@valueloop/contracts';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { surveyVersions } from '../db/schema/index.ts';
import { AppError, validationFailed } from '../http/errors.ts';
import { indexCodesOf } from './heatmap.ts';
import { presentCell, presentComments } from './presenters.ts';
import { listReleasedWaves, pickWave, resolveResultsSurvey } from './released-waves.ts';
import { getUnitCells, type StoredCell } from './result-cells.ts';
import { type ResultsViewer, requireVisibleUnit } from './visible-units.ts';

export type TeamPulseQuery = z.infer<typeof teamPulseQuerySchema>;

/**
 * A unit's pulse page: trend of its released cell over the last released periods, the latest
 * period's item breakdown, comments and newcomer cell. Every number comes from released cells.
 */
export async function getTeamPulse(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: ResultsViewer;
  query: TeamPulseQuery;
}): Promise<TeamPulse> {
  const { db, orgId, viewer, query } = opts;
  const unitId = query.unitId ?? viewer.unitId;
  if (!unitId) {
    throw validationFailed([{ field: 'query.unitId', message: 'is required: you have no unit' }]);
  }
  const unit = await requireVisibleUnit({ db, orgId, viewer, unitId });
  const survey = await resolveResultsSurvey({
    db,
    orgId,
    surveyId: query.surveyId,
    kinds: ['employee_pulse'],
  });
  if (!survey) throw new AppError('not_found', 'No employee pulse has released results yet');
  const codes = indexCodesOf(survey.kind);
  const waves = await listReleasedWaves({ db, orgId, surveyId: survey.id });
  const latest = pickWave(waves, query.period);
  const upTo = latest ? waves.indexOf(latest) + 1 : 0;
  const trendWaves = waves.slice(Math.max(0, upTo - query.periods), upTo);
  const cells = await getUnitCells({
    db,
    orgId,
    waveIds: trendWaves.map((w) => w.waveId),
    unitIds: [unit.id],
    scope: query.scope,
    tenures: [...new Set([query.tenure, 'newcomers' as const])],
  });
  const cellOf = (waveId: string | undefined, tenure: string) =>
    cells.find((c) => c.waveId === waveId && c.tenure === tenure);
  const latestCell = cellOf(latest?.waveId, query.tenure);
  return {
    unit: { id: unit.id, name: unit.name },
    surveyId: survey.id,
    scope: query.scope,
    tenure: query.tenure,
    indices: [...codes],
    trend: trendWaves.map((w) => ({
      period: w.period,
      cell: presentCell(cellOf(w.waveId, query.tenure), codes),
    })),
    items: latest ? await itemBreakdown(db, orgId, latest.surveyVersionId, latestCell) : [],
    comments: presentComments(latestCell),
    newcomers: presentCell(cellOf(latest?.waveId, 'newcomers'), codes),
  };
}

/** Construct, item text (the pinned version's wording) and mean, for a shown cell only. */
async function itemBreakdown(
  db: DbOrTx,
  orgId: string,
  surveyVersionId: string,
  cell: StoredCell | undefined,
): Promise<TeamPulse['items']> {
  if (cell?.status !== 'shown' || !cell.means) return [];
  const means = cell.means;
  const [version] = await db
    .select({ definition: surveyVersions.definition })
    .from(surveyVersions)
    .where(and(eq(surveyVersions.orgId, orgId), eq(surveyVersions.id, surveyVersionId)));
  const definition: SurveyDefinition | undefined = version?.definition;
  return (definition?.questions ?? []).flatMap((question) =>
    question.construct && question.construct !== 'comment'
      ? [
          {
            construct: question.construct,
            text: question.text.en,
            mean: means[question.construct] ?? null,
          },
        ]
      : [],
  );
}
