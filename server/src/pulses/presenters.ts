import type { PulseProgram, PulseWave } from '@valueloop/contracts';
import type { pulsePrograms, pulseWaves } from '../db/schema/index.ts';
import type { EmployeeSurveyKind } from './program-service.ts';

export function presentPulseProgram(
  row: typeof pulsePrograms.$inferSelect,
  survey: { name: string; kind: EmployeeSurveyKind },
): PulseProgram {
  return {
    id: row.id,
    surveyId: row.surveyId,
    surveyName: survey.name,
    kind: survey.kind,
    name: row.name,
    cadence: row.cadence,
    populationUnitId: row.populationUnitId,
    openDays: row.openDays,
    reminderAfterDays: row.reminderAfterDays,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A wave with its participation totals (counts only: never who answered). */
export function presentPulseWave(
  row: typeof pulseWaves.$inferSelect,
  totals: { invited: number; responded: number },
): PulseWave {
  return {
    id: row.id,
    programId: row.programId,
    period: row.period,
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    status: row.status,
    invited: totals.invited,
    responded: totals.responded,
    participationRate: totals.invited > 0 ? totals.responded / totals.invited : null,
  };
}
