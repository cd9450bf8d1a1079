import type { EmployeeSurveyKind } from '@valueloop/contracts';
import type { TenureBand } from '../confidentiality/index.ts';
import type { Db } from '../db/client.ts';
import { employeeResponses, pulsePrograms, pulseWaves } from '../db/schema/index.ts';
import { createSurvey, publishSurvey } from '../surveys/survey-service.ts';

/** Test fixtures: employee surveys, closed waves and anonymous responses written directly. */

export async function createEmployeeSurvey(
  db: Db,
  opts: { orgId: string; actorId: string; kind: EmployeeSurveyKind; name?: string },
) {
  const survey = await createSurvey({
    db,
    orgId: opts.orgId,
    actorId: opts.actorId,
    body: { kind: opts.kind, name: opts.name ?? `Survey ${opts.kind}`, template: opts.kind },
  });
  const version = await publishSurvey({
    db,
    orgId: opts.orgId,
    surveyId: survey.id,
    actorId: opts.actorId,
  });
  return { surveyId: survey.id, surveyVersionId: version.id };
}

export interface ClosedWave {
  orgId: string;
  waveId: string;
  surveyVersionId: string;
  period: string;
}

/** A program (on first use per survey) and a closed wave of `period`. */
export async function createClosedWave(
  db: Db,
  opts: { orgId: string; surveyId: string; surveyVersionId: string; period: string },
): Promise<ClosedWave> {
  const [program] = await db
    .insert(pulsePrograms)
    .values({
      orgId: opts.orgId,
      surveyId: opts.surveyId,
      name: `Program ${opts.period}`,
      cadence: 'monthly',
    })
    .returning();
  const opensAt = new Date(`${opts.period}-01T00:00:00Z`);
  const [wave] = await db
    .insert(pulseWaves)
    .values({
      orgId: opts.orgId,
      programId: program!.id,
      surveyVersionId: opts.surveyVersionId,
      period: opts.period,
      opensAt,
      closesAt: new Date(opensAt.getTime() + 14 * 86_400_000),
      status: 'closed',
    })
    .returning();
  return {
    orgId: opts.orgId,
    waveId: wave!.id,
    surveyVersionId: opts.surveyVersionId,
    period: opts.period,
  };
}

export interface ResponseSpec {
  unitId: string;
  subjectUnitId?: string;
  band?: TenureBand;
  scores: Record<string, number>;
  comment?: string | null;
}

/** `count` anonymous responses per spec. */
export async function insertEmployeeResponses(
  db: Db,
  wave: ClosedWave,
  specs: ReadonlyArray<ResponseSpec & { count?: number }>,
): Promise<void> {
  const rows = specs.flatMap((spec) =>
    Array.from({ length: spec.count ?? 1 }, () => ({
      orgId: wave.orgId,
      waveId: wave.waveId,
      surveyVersionId: wave.surveyVersionId,
      unitId: spec.unitId,
      subjectUnitId: spec.subjectUnitId ?? null,
      period: wave.period,
      tenureBand: spec.band ?? '1-3y',
      submittedOn: `${wave.period}-05`,
      scores: spec.scores,
      comment: spec.comment ?? null,
    })),
  );
  if (rows.length > 0) await db.insert(employeeResponses).values(rows);
}
