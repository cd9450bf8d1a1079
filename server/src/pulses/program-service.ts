import {
  type CreatePulseProgramBody,
  employeeSurveyKinds,
  type UpdatePulseProgramBody,
} from '@valueloop/contracts';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { auditLog, pulsePrograms, surveys, units } from '../db/schema/index.ts';
import { notFound, validationFailed } from '../http/errors.ts';
import { presentPulseProgram } from './presenters.ts';

export type EmployeeSurveyKind = (typeof employeeSurveyKinds)[number];
type ProgramRow = typeof pulsePrograms.$inferSelect;

const isEmployeeKind = (kind: string): kind is EmployeeSurveyKind =>
  (employeeSurveyKinds as readonly string[]).includes(kind);

/** A program with the survey it runs (name, kind and the version new waves pin). */
export interface ProgramWithSurvey {
  program: ProgramRow;
  survey: { name: string; kind: EmployeeSurveyKind; currentVersionId: string | null };
}

const programColumns = {
  program: pulsePrograms,
  surveyName: surveys.name,
  surveyKind: surveys.kind,
  currentVersionId: surveys.currentVersionId,
};

function withSurvey(row: {
  program: ProgramRow;
  surveyName: string;
  surveyKind: string;
  currentVersionId: string | null;
}): ProgramWithSurvey {
  // A program's survey is checked to be of an employee kind when the program is created.
  const kind = isEmployeeKind(row.surveyKind) ? row.surveyKind : 'employee_pulse';
  return {
    program: row.program,
    survey: { name: row.surveyName, kind, currentVersionId: row.currentVersionId },
  };
}

export async function findPulseProgram(opts: {
  db: DbOrTx;
  orgId: string;
  programId: string;
}): Promise<ProgramWithSurvey> {
  const [row] = await opts.db
    .select(programColumns)
    .from(pulsePrograms)
    .innerJoin(surveys, eq(surveys.id, pulsePrograms.surveyId))
    .where(and(eq(pulsePrograms.orgId, opts.orgId), eq(pulsePrograms.id, opts.programId)));
  if (!row) throw notFound('Pulse program');
  return withSurvey(row);
}

const present = ({ program, survey }: ProgramWithSurvey) => presentPulseProgram(program, survey);

export async function getPulseProgram(opts: { db: DbOrTx; orgId: string; programId: string }) {
  return present(await findPulseProgram(opts));
}

export async function listPulsePrograms(opts: { db: DbOrTx; orgId: string }) {
  const rows = await opts.db
    .select(programColumns)
    .from(pulsePrograms)
    .innerJoin(surveys, eq(surveys.id, pulsePrograms.surveyId))
    .where(eq(pulsePrograms.orgId, opts.orgId))
    .orderBy(desc(pulsePrograms.createdAt), desc(pulsePrograms.id));
  return rows.map((r) => present(withSurvey(r)));
}

/** The survey must be this organization's, of an employee kind, and published. */
async function checkProgramSurvey(db: DbOrTx, orgId: string, surveyId: string) {
  const [survey] = await db
    .select({ kind: surveys.kind })
    .from(surveys)
    .where(
      and(
        eq(surveys.orgId, orgId),
        eq(surveys.id, surveyId),
        inArray(surveys.kind, [...employeeSurveyKinds]),
        isNotNull(surveys.currentVersionId),
      ),
    );
  if (!survey) {
    throw validationFailed([
      {
        field: 'body.surveyId',
        message:
          'must be a published survey of this organization of kind employee_pulse, internal_service or manager_upward',
      },
    ]);
  }
}

async function checkPopulationUnit(db: DbOrTx, orgId: string, unitId: string | null) {
  if (unitId === null) return;
  const [unit] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.orgId, orgId), eq(units.id, unitId)));
  if (!unit) {
    throw validationFailed([{ field: 'body.populationUnitId', message: 'no such unit here' }]);
  }
}

export async function createPulseProgram(opts: {
  db: DbOrTx;
  orgId: string;
  actorId: string;
  body: CreatePulseProgramBody;
}) {
  const { db, orgId, body } = opts;
  await checkProgramSurvey(db, orgId, body.surveyId);
  await checkPopulationUnit(db, orgId, body.populationUnitId);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(pulsePrograms)
      .values({
        orgId,
        surveyId: body.surveyId,
        name: body.name,
        cadence: body.cadence,
        populationUnitId: body.populationUnitId,
        openDays: body.openDays,
        reminderAfterDays: body.reminderAfterDays,
      })
      .returning({ id: pulsePrograms.id });
    await tx.insert(auditLog).values({
      orgId,
      actorPersonId: opts.actorId,
      action: 'pulse_program.created',
      entityType: 'pulse_program',
      entityId: row!.id,
      detail: { surveyId: body.surveyId, cadence: body.cadence },
    });
    return row!.id;
  });
  return getPulseProgram({ db, orgId, programId: id });
}

/** Changes name, timing or status; the survey, cadence and population stay (waves refer to them). */
export async function updatePulseProgram(opts: {
  db: DbOrTx;
  orgId: string;
  actorId: string;
  programId: string;
  body: UpdatePulseProgramBody;
}) {
  const { db, orgId, body } = opts;
  const { program } = await findPulseProgram(opts);
  const openDays = body.openDays ?? program.openDays;
  const reminderAfterDays =
    body.reminderAfterDays === undefined ? program.reminderAfterDays : body.reminderAfterDays;
  if (reminderAfterDays !== null && reminderAfterDays >= openDays) {
    const field = body.reminderAfterDays === undefined ? 'body.openDays' : 'body.reminderAfterDays';
    throw validationFailed([
      {
        field,
        message: 'the reminder must come before the wave closes (reminderAfterDays < openDays)',
      },
    ]);
  }
  await db.transaction(async (tx) => {
    await tx
      .update(pulsePrograms)
      .set({
        name: body.name ?? program.name,
        openDays,
        reminderAfterDays,
        status: body.status ?? program.status,
        updatedAt: new Date(),
      })
      .where(eq(pulsePrograms.id, program.id));
    await tx.insert(auditLog).values({
      orgId,
      actorPersonId: opts.actorId,
      action: 'pulse_program.updated',
      entityType: 'pulse_program',
      entityId: program.id,
      detail: { ...body },
    });
  });
  return getPulseProgram(opts);
}
