import { and, desc, eq, sql } from 'drizzle-orm';
import { randomToken, sha256 } from '../auth/secrets.ts';
import type { DbOrTx } from '../db/client.ts';
import { auditLog, pulseInvitations, pulseParticipation, pulseWaves } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { minGroupSizeOf } from './min-group-size.ts';
import { checkWavePeriod, periodAt, utcDay } from './periods.ts';
import { wavePopulation } from './population.ts';
import { presentPulseWave } from './presenters.ts';
import { findPulseProgram, type ProgramWithSurvey } from './program-service.ts';
import { queueWaveEmails } from './queue-wave-emails.ts';
import { PULSE_CLOSE_QUEUE, PULSE_REMIND_QUEUE } from './queues.ts';
import { invitationEmail, waveLink } from './wave-mail.ts';

const DAY_MS = 86_400_000;
/** Rows per INSERT: well under PostgreSQL's 65,535 bound parameters. */
const INSERT_BATCH = 1000;

type WaveRow = typeof pulseWaves.$inferSelect;

/**
 * Opens the wave of `period` for a program, now: pins the survey's current version, invites the
 * population (one personal token each; only its SHA-256 is stored), records invited counts per
 * unit, queues the e-mails, and schedules the reminder and the close — all in one transaction.
 * A second wave for the same period answers 409 naming `period`.
 */
export async function openWave(opts: {
  db: DbOrTx;
  program: ProgramWithSurvey;
  period: string;
  now: Date;
  publicUrl: string;
  actorId: string | null;
}) {
  const { program, survey } = opts.program;
  const { now, period } = opts;
  if (program.status !== 'active') {
    throw new AppError('conflict', 'The program is paused: resume it to open a wave', {
      errors: [{ field: 'status', message: 'is paused' }],
    });
  }
  if (!survey.currentVersionId) {
    throw new AppError('conflict', 'The program’s survey has no published version', {
      errors: [{ field: 'surveyId', message: 'has no published version' }],
    });
  }
  const orgId = program.orgId;
  const closesAt = new Date(now.getTime() + program.openDays * DAY_MS);
  return opts.db.transaction(async (tx) => {
    const [wave] = await tx
      .insert(pulseWaves)
      .values({
        orgId,
        programId: program.id,
        surveyVersionId: survey.currentVersionId!,
        period,
        opensAt: now,
        closesAt,
      })
      .onConflictDoNothing()
      .returning();
    if (!wave) {
      throw new AppError('conflict', `This program already has a wave for ${period}`, {
        errors: [{ field: 'body.period', message: `already has a wave for ${period}` }],
      });
    }
    const invitees = await wavePopulation({
      db: tx,
      orgId,
      kind: survey.kind,
      populationUnitId: program.populationUnitId,
      openingDay: utcDay(now),
    });
    const minGroupSize = await minGroupSizeOf(tx, orgId);
    const sent = invitees.map((person) => ({ person, token: randomToken(32) }));
    for (let i = 0; i < sent.length; i += INSERT_BATCH) {
      await tx.insert(pulseInvitations).values(
        sent.slice(i, i + INSERT_BATCH).map(({ person, token }) => ({
          orgId,
          waveId: wave.id,
          personId: person.personId,
          unitId: person.unitId,
          tenureBand: person.tenureBand,
          tokenHash: sha256(token),
          expiresAt: closesAt,
          sentAt: now,
        })),
      );
    }
    const invitedByUnit = new Map<string, number>();
    for (const p of invitees) invitedByUnit.set(p.unitId, (invitedByUnit.get(p.unitId) ?? 0) + 1);
    const participation = [...invitedByUnit].map(([unitId, invited]) => ({
      orgId,
      waveId: wave.id,
      unitId,
      invited,
    }));
    for (let i = 0; i < participation.length; i += INSERT_BATCH) {
      await tx.insert(pulseParticipation).values(participation.slice(i, i + INSERT_BATCH));
    }
    await queueWaveEmails(
      tx,
      orgId,
      sent.map(({ person, token }) => ({
        to: person.email,
        ...invitationEmail({
          programName: program.name,
          kind: survey.kind,
          link: waveLink(opts.publicUrl, token),
          closesAt,
          minGroupSize,
        }),
      })),
    );
    await scheduleWaveJobs(tx, wave, program.reminderAfterDays);
    await tx.insert(auditLog).values({
      orgId,
      actorPersonId: opts.actorId,
      action: 'pulse_wave.opened',
      entityType: 'pulse_wave',
      entityId: wave.id,
      detail: { programId: program.id, period, invited: invitees.length },
    });
    return presentPulseWave(wave, { invited: invitees.length, responded: 0 });
  });
}

/** The reminder (when the program has one and it falls before closing) and the close. */
async function scheduleWaveJobs(tx: DbOrTx, wave: WaveRow, reminderAfterDays: number | null) {
  if (reminderAfterDays !== null) {
    const runAt = new Date(wave.opensAt.getTime() + reminderAfterDays * DAY_MS);
    if (runAt < wave.closesAt) {
      await enqueueJob({
        db: tx,
        queue: PULSE_REMIND_QUEUE,
        orgId: wave.orgId,
        runAt,
        payload: { waveId: wave.id },
        singletonKey: `${PULSE_REMIND_QUEUE}:${wave.id}`,
      });
    }
  }
  await enqueueJob({
    db: tx,
    queue: PULSE_CLOSE_QUEUE,
    orgId: wave.orgId,
    runAt: wave.closesAt,
    payload: { waveId: wave.id },
    singletonKey: `${PULSE_CLOSE_QUEUE}:${wave.id}`,
  });
}

/** On demand (POST /pulse-programs/:id/waves): the given period, or the current one. */
export async function launchWave(opts: {
  db: DbOrTx;
  orgId: string;
  programId: string;
  period?: string;
  now?: Date;
  publicUrl: string;
  actorId: string | null;
}) {
  const now = opts.now ?? new Date();
  const program = await findPulseProgram(opts);
  const cadence = program.program.cadence;
  const period = opts.period ?? periodAt(cadence, now);
  checkWavePeriod(cadence, period, now);
  return openWave({ ...opts, program, period, now });
}

/** Invited and responded totals of a wave, summed over its units. */
const totals = {
  invited: sql<number>`coalesce(sum(${pulseParticipation.invited}), 0)::int`,
  responded: sql<number>`coalesce(sum(${pulseParticipation.responded}), 0)::int`,
};

export async function listPulseWaves(opts: { db: DbOrTx; orgId: string; programId: string }) {
  const { program } = await findPulseProgram(opts);
  const rows = await opts.db
    .select({ wave: pulseWaves, ...totals })
    .from(pulseWaves)
    .leftJoin(pulseParticipation, eq(pulseParticipation.waveId, pulseWaves.id))
    .where(and(eq(pulseWaves.orgId, opts.orgId), eq(pulseWaves.programId, program.id)))
    .groupBy(pulseWaves.id)
    .orderBy(desc(pulseWaves.period));
  return rows.map((r) => presentPulseWave(r.wave, r));
}

export async function findPulseWave(opts: { db: DbOrTx; orgId: string; waveId: string }) {
  const [wave] = await opts.db
    .select()
    .from(pulseWaves)
    .where(and(eq(pulseWaves.orgId, opts.orgId), eq(pulseWaves.id, opts.waveId)));
  if (!wave) throw notFound('Pulse wave');
  return wave;
}

export async function getPulseWave(opts: { db: DbOrTx; orgId: string; waveId: string }) {
  const wave = await findPulseWave(opts);
  const [sum] = await opts.db
    .select(totals)
    .from(pulseParticipation)
    .where(eq(pulseParticipation.waveId, wave.id));
  return presentPulseWave(wave, sum ?? { invited: 0, responded: 0 });
}
