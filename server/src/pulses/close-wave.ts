import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { auditLog, employeeResponses, pulseInvitations, pulseWaves } from '../db/schema/index.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { EMPLOYEE_RESULTS_RELEASE_QUEUE } from './queues.ts';
import { redactWaveLinks } from './redact-wave-links.ts';
import { findPulseWave, getPulseWave } from './wave-service.ts';

/**
 * Closes a wave, in one transaction: no more answers; the wave's links in the outbox are
 * blanked; every remaining invitation row (the last link between a person and the wave, drafts
 * included) is deleted; the wave's responses are re-written in random order with new ids, so
 * neither physical row order nor ids reflect the order of arrival; then the results release is
 * queued. Closing a closed wave changes nothing. Returns whether this call closed it.
 */
export async function closeWave(opts: {
  db: DbOrTx;
  waveId: string;
  actorId?: string | null;
}): Promise<boolean> {
  return opts.db.transaction(async (tx) => {
    const [closed] = await tx
      .update(pulseWaves)
      .set({ status: 'closed' })
      .where(and(eq(pulseWaves.id, opts.waveId), eq(pulseWaves.status, 'open')))
      .returning({ id: pulseWaves.id, orgId: pulseWaves.orgId, opensAt: pulseWaves.opensAt });
    if (!closed) return false;
    await redactWaveLinks(tx, closed);
    await tx.delete(pulseInvitations).where(eq(pulseInvitations.waveId, closed.id));
    await reshuffleResponses(tx, closed.orgId, closed.id);
    await enqueueJob({
      db: tx,
      queue: EMPLOYEE_RESULTS_RELEASE_QUEUE,
      orgId: closed.orgId,
      payload: { waveId: closed.id },
    });
    await tx.insert(auditLog).values({
      orgId: closed.orgId,
      actorPersonId: opts.actorId ?? null,
      action: 'pulse_wave.closed',
      entityType: 'pulse_wave',
      entityId: closed.id,
    });
    return true;
  });
}

/** Moves the wave's responses to new rows (new random ids) inserted in random order. */
async function reshuffleResponses(tx: DbOrTx, orgId: string, waveId: string) {
  // Every column but the id, read from the table definition so a new column is never dropped.
  const names = Object.values(getTableColumns(employeeResponses))
    .filter((column) => column.name !== 'id')
    .map((column) => `"${column.name}"`);
  const columns = sql.raw(names.join(', '));
  await tx.execute(sql`
    with moved as (
      delete from employee_responses where org_id = ${orgId} and wave_id = ${waveId}
      returning ${columns}
    )
    insert into employee_responses (${columns})
    select ${columns} from moved order by random()
  `);
}

/** Early close (POST /pulse-waves/:id/close); answers with the wave as it now is. */
export async function closeWaveEarly(opts: {
  db: DbOrTx;
  orgId: string;
  waveId: string;
  actorId: string;
}) {
  const wave = await findPulseWave(opts);
  await closeWave({ db: opts.db, waveId: wave.id, actorId: opts.actorId });
  return getPulseWave(opts);
}

/** The `pulses.close` job (payload { waveId }) at the wave's closing time. */
export const pulseCloseHandler: JobHandler = async ({ db, job }) => {
  await closeWave({ db, waveId: String(job.payload.waveId) });
};
