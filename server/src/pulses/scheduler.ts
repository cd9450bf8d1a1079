import { and, eq, notExists } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { pulsePrograms, pulseWaves } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { periodAt } from './periods.ts';
import { findPulseProgram } from './program-service.ts';
import { PULSE_SCHEDULE_QUEUE } from './queues.ts';
import { openWave } from './wave-service.ts';

/** Ensures exactly one pending scheduler job exists (singleton key); called at worker start. */
export async function schedulePulses(opts: { db: DbOrTx; runAt?: Date }) {
  await enqueueJob({
    db: opts.db,
    queue: PULSE_SCHEDULE_QUEUE,
    payload: {},
    runAt: opts.runAt,
    singletonKey: PULSE_SCHEDULE_QUEUE,
  });
}

/** Five past midnight UTC of the day after `now`: a new month's waves open on its first day. */
export function nextScheduleRun(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 0, 5));
}

/**
 * Opens the due wave of every active program of every organization: monthly programs the
 * current month, quarterly ones the current quarter, when it has no wave yet. Running it twice
 * opens nothing new (the wave's (program, period) key is unique). A program that cannot open
 * (its survey lost its published version) is skipped, not fatal to the others.
 */
export async function openDueWaves(opts: {
  db: DbOrTx;
  now: Date;
  publicUrl: string;
}): Promise<{ opened: number }> {
  const programs = await opts.db
    .select({ id: pulsePrograms.id, orgId: pulsePrograms.orgId, cadence: pulsePrograms.cadence })
    .from(pulsePrograms)
    .where(eq(pulsePrograms.status, 'active'));
  let opened = 0;
  for (const p of programs) {
    const period = periodAt(p.cadence, opts.now);
    const due = await opts.db
      .select({ id: pulsePrograms.id })
      .from(pulsePrograms)
      .where(
        and(
          eq(pulsePrograms.id, p.id),
          notExists(
            opts.db
              .select({ id: pulseWaves.id })
              .from(pulseWaves)
              .where(and(eq(pulseWaves.programId, p.id), eq(pulseWaves.period, period))),
          ),
        ),
      );
    if (due.length === 0) continue;
    const program = await findPulseProgram({ db: opts.db, orgId: p.orgId, programId: p.id });
    try {
      await openWave({ ...opts, program, period, actorId: null });
      opened += 1;
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') continue;
      throw error;
    }
  }
  return { opened };
}

/** The daily `pulses.schedule` job: opens due waves, then schedules its next run. */
export function pulseScheduleHandler(deps: { publicUrl: string }): JobHandler {
  return async ({ db }) => {
    const now = new Date();
    await openDueWaves({ db, now, publicUrl: deps.publicUrl });
    await schedulePulses({ db, runAt: nextScheduleRun(now) });
  };
}
