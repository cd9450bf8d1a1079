import { randomUUID } from 'node:crypto';
import { distributionSchema } from '@valueloop/contracts';
import type { Tx } from '../db/client.ts';
import {
  auditLog,
  employeeResponses,
  pulseParticipation,
  pulsePrograms,
  pulseWaves,
  surveys,
  surveyVersions,
} from '../db/schema/index.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { employeeComment, scoreEmployeeResponse } from '../pulses/indices.ts';
import { EMPLOYEE_RESULTS_RELEASE_QUEUE } from '../pulses/queues.ts';
import { insertColumns } from './bulk-insert.ts';
import type { DemoPulses } from './pulse-records.ts';

export interface LoadedPulses {
  /** Program and survey ids by survey kind. */
  programs: Array<{ kind: string; programId: string; surveyId: string; waveIds: string[] }>;
  counts: { waves: number; participation: number; employeeResponses: number; releaseJobs: number };
}

/**
 * Inserts the demo's employee surveys (version 1 published), programs, closed waves with their
 * participation counts and anonymous responses (scores from `scoreEmployeeResponse`, the comment
 * as `employeeComment` reads it), in the caller's transaction. No pulse_invitations: closed
 * waves keep none. One `employee-results.release` job per wave computes its released cells
 * after commit (the worker runs them), so the dashboards fill in shortly after the first start.
 */
export async function insertDemoPulses(
  tx: Tx,
  pulses: DemoPulses,
  ids: { orgId: string; units: Map<string, string>; publisherId: string },
): Promise<LoadedPulses> {
  const { orgId } = ids;
  const loaded: LoadedPulses['programs'] = [];
  const waveRows: Array<typeof pulseWaves.$inferInsert> = [];
  const participation: Array<{
    waveId: string;
    unitId: string;
    invited: number;
    responded: number;
  }> = [];
  const responses: Array<{
    waveId: string;
    surveyVersionId: string;
    unitId: string;
    subjectUnitId: string | null;
    period: string;
    tenureBand: string;
    submittedOn: string;
    scores: Record<string, number>;
    comment: string | null;
  }> = [];

  for (const program of pulses.programs) {
    const surveyId = randomUUID();
    const surveyVersionId = randomUUID();
    const programId = randomUUID();
    const publishedAt = new Date(program.publishedAt);
    await tx.insert(surveys).values({
      id: surveyId,
      orgId,
      kind: program.kind,
      name: program.name,
      status: 'active',
      draft: program.definition,
      distribution: distributionSchema.parse({}),
      currentVersionId: surveyVersionId,
      createdAt: publishedAt,
      updatedAt: publishedAt,
    });
    await tx.insert(surveyVersions).values({
      id: surveyVersionId,
      orgId,
      surveyId,
      version: 1,
      definition: program.definition,
      publishedAt,
      publishedBy: ids.publisherId,
    });
    await tx.insert(auditLog).values({
      orgId,
      actorPersonId: ids.publisherId,
      action: 'survey.published',
      entityType: 'survey',
      entityId: surveyId,
      detail: { version: 1 },
      at: publishedAt,
    });
    await tx.insert(pulsePrograms).values({
      id: programId,
      orgId,
      surveyId,
      name: program.name,
      cadence: program.cadence,
      populationUnitId: null,
      openDays: program.openDays,
      reminderAfterDays: program.reminderAfterDays,
      status: 'active',
      createdAt: publishedAt,
      updatedAt: publishedAt,
    });
    const waveIds: string[] = [];
    for (const wave of program.waves) {
      const waveId = randomUUID();
      waveIds.push(waveId);
      waveRows.push({
        id: waveId,
        orgId,
        programId,
        surveyVersionId,
        period: wave.period,
        opensAt: new Date(wave.opensAt),
        closesAt: new Date(wave.closesAt),
        status: 'closed',
        createdAt: new Date(wave.opensAt),
      });
      for (const p of wave.participation) {
        participation.push({ waveId, unitId: ids.units.get(p.unitExternalId)!, ...p });
      }
      for (const r of wave.responses) {
        responses.push({
          waveId,
          surveyVersionId,
          unitId: ids.units.get(r.unitExternalId)!,
          subjectUnitId: r.subjectUnitExternalId ? ids.units.get(r.subjectUnitExternalId)! : null,
          period: wave.period,
          tenureBand: r.tenureBand,
          submittedOn: r.submittedOn,
          scores: scoreEmployeeResponse(program.definition, r.answers),
          comment: employeeComment(program.definition, r.answers),
        });
      }
    }
    loaded.push({ kind: program.kind, programId, surveyId, waveIds });
  }

  if (waveRows.length > 0) await tx.insert(pulseWaves).values(waveRows);
  const column = <T, V>(rows: T[], pick: (row: T) => V) => rows.map(pick);
  await insertColumns(tx, pulseParticipation, [
    [pulseParticipation.orgId, column(participation, () => orgId)],
    [pulseParticipation.waveId, column(participation, (p) => p.waveId)],
    [pulseParticipation.unitId, column(participation, (p) => p.unitId)],
    [pulseParticipation.invited, column(participation, (p) => p.invited)],
    [pulseParticipation.responded, column(participation, (p) => p.responded)],
  ]);
  await insertColumns(tx, employeeResponses, [
    [employeeResponses.orgId, column(responses, () => orgId)],
    [employeeResponses.waveId, column(responses, (r) => r.waveId)],
    [employeeResponses.surveyVersionId, column(responses, (r) => r.surveyVersionId)],
    [employeeResponses.unitId, column(responses, (r) => r.unitId)],
    [employeeResponses.subjectUnitId, column(responses, (r) => r.subjectUnitId)],
    [employeeResponses.period, column(responses, (r) => r.period)],
    [employeeResponses.tenureBand, column(responses, (r) => r.tenureBand)],
    [employeeResponses.submittedOn, column(responses, (r) => r.submittedOn)],
    [employeeResponses.scores, column(responses, (r) => r.scores)],
    [employeeResponses.comment, column(responses, (r) => r.comment)],
  ]);
  // Released after commit by the worker; the jobs commit with the waves.
  for (const wave of waveRows) {
    await enqueueJob({
      db: tx,
      queue: EMPLOYEE_RESULTS_RELEASE_QUEUE,
      orgId,
      payload: { waveId: wave.id! },
    });
  }
  return {
    programs: loaded,
    counts: {
      waves: waveRows.length,
      participation: participation.length,
      employeeResponses: responses.length,
      releaseJobs: waveRows.length,
    },
  };
}
