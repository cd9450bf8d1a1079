import type { EmployeeSurveyKind } from '@valueloop/contracts';
import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { organizations, pulsePrograms, pulseWaves, surveys } from '../db/schema/index.ts';
import { AppError, notFound, validationFailed } from '../http/errors.ts';

export interface ReleasedWave {
  waveId: string;
  period: string;
  surveyVersionId: string;
}

/**
 * A wave counts as released only while its thresholds are still the organization's: after k or
 * k_c went up, its old rows stay hidden until the re-release job has replaced them. Needs
 * `organizations` joined on the wave's org. Every reader of employee_results should use it.
 */
export const currentlyReleased = and(
  eq(pulseWaves.status, 'released'),
  gte(pulseWaves.releasedK, organizations.minGroupSize),
  gte(
    pulseWaves.releasedKComments,
    sql`greatest(${organizations.minCommentGroupSize}, ${organizations.minGroupSize})`,
  ),
);

/** The survey a results query is about: the one asked for, or the first with released results. */
export async function resolveResultsSurvey(opts: {
  db: DbOrTx;
  orgId: string;
  surveyId: string | undefined;
  kinds: readonly EmployeeSurveyKind[];
}): Promise<{ id: string; kind: EmployeeSurveyKind } | null> {
  const { db, orgId } = opts;
  if (opts.surveyId) {
    const [survey] = await db
      .select({ id: surveys.id, kind: surveys.kind })
      .from(surveys)
      .where(and(eq(surveys.orgId, orgId), eq(surveys.id, opts.surveyId)));
    if (!survey) throw notFound('Survey');
    const kind = survey.kind as EmployeeSurveyKind;
    if (!opts.kinds.includes(kind)) {
      throw validationFailed([
        { field: 'query.surveyId', message: `must be a survey of kind ${opts.kinds.join(' or ')}` },
      ]);
    }
    return { id: survey.id, kind };
  }
  for (const kind of opts.kinds) {
    const [survey] = await db
      .select({ id: surveys.id })
      .from(surveys)
      .innerJoin(pulsePrograms, eq(pulsePrograms.surveyId, surveys.id))
      .innerJoin(pulseWaves, eq(pulseWaves.programId, pulsePrograms.id))
      .innerJoin(organizations, eq(organizations.id, surveys.orgId))
      .where(and(eq(surveys.orgId, orgId), eq(surveys.kind, kind), currentlyReleased))
      .orderBy(asc(surveys.createdAt), asc(surveys.id))
      .limit(1);
    if (survey) return { id: survey.id, kind };
  }
  return null;
}

/**
 * The survey's released waves, one per period (the latest release when two programs share a
 * survey), oldest first. Periods never overlap, so each is its own released family.
 */
export async function listReleasedWaves(opts: {
  db: DbOrTx;
  orgId: string;
  surveyId: string;
}): Promise<ReleasedWave[]> {
  const rows = await opts.db
    .select({
      waveId: pulseWaves.id,
      period: pulseWaves.period,
      surveyVersionId: pulseWaves.surveyVersionId,
    })
    .from(pulseWaves)
    .innerJoin(pulsePrograms, eq(pulsePrograms.id, pulseWaves.programId))
    .innerJoin(organizations, eq(organizations.id, pulseWaves.orgId))
    .where(
      and(
        eq(pulseWaves.orgId, opts.orgId),
        eq(pulsePrograms.surveyId, opts.surveyId),
        currentlyReleased,
      ),
    )
    .orderBy(asc(pulseWaves.period), desc(pulseWaves.releasedAt), asc(pulseWaves.id));
  return rows.filter((row, i) => i === 0 || rows[i - 1].period !== row.period);
}

/** The wave of the period asked for, or the latest; 404 naming the period when not released. */
export function pickWave(waves: readonly ReleasedWave[], period: string | undefined) {
  if (period === undefined) return waves.at(-1) ?? null;
  const wave = waves.find((w) => w.period === period);
  if (!wave) {
    throw new AppError('not_found', `No released results for period ${period}`, {
      errors: [{ field: 'query.period', message: 'has no released results' }],
    });
  }
  return wave;
}
