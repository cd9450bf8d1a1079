import { and, eq, gt, isNull } from 'drizzle-orm';
import { randomToken, sha256 } from '../auth/secrets.ts';
import type { DbOrTx } from '../db/client.ts';
import { people, pulseInvitations, pulsePrograms, pulseWaves } from '../db/schema/index.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { queueEmail } from '../mail/queue-email.ts';
import { minGroupSizeOf } from './min-group-size.ts';
import { reminderEmail, waveLink } from './wave-mail.ts';

/**
 * The one reminder of an open wave, to the people whose invitation row still exists — a row is
 * deleted when its person answers, so the rows left ARE the people who have not answered. This
 * function is the only reader of that fact; it sends e-mails and returns a count, nothing else.
 *
 * Only token hashes are stored, so the first link cannot be rebuilt: each reminded invitation
 * gets a fresh token (its hash replaces the old one; the draft stays on the row) and the e-mail
 * says the new link replaces the first. No server secret or stored link is needed.
 */
export async function remindWave(opts: {
  db: DbOrTx;
  waveId: string;
  publicUrl: string;
  now?: Date;
}): Promise<{ reminded: number }> {
  const now = opts.now ?? new Date();
  const [wave] = await opts.db
    .select({ wave: pulseWaves, programName: pulsePrograms.name })
    .from(pulseWaves)
    .innerJoin(pulsePrograms, eq(pulsePrograms.id, pulseWaves.programId))
    .where(eq(pulseWaves.id, opts.waveId));
  if (wave?.wave.status !== 'open' || wave.wave.closesAt <= now) return { reminded: 0 };
  const { orgId, closesAt } = wave.wave;
  const pending = await opts.db
    .select({ id: pulseInvitations.id, email: people.email })
    .from(pulseInvitations)
    .innerJoin(people, eq(people.id, pulseInvitations.personId))
    .where(
      and(
        eq(pulseInvitations.waveId, wave.wave.id),
        isNull(pulseInvitations.remindedAt),
        gt(pulseInvitations.expiresAt, now),
      ),
    );
  const minGroupSize = await minGroupSizeOf(opts.db, orgId);
  let reminded = 0;
  for (const invitation of pending) {
    const token = randomToken(32);
    // Conditional on remindedAt still null: a racing reminder (or a submission that deleted
    // the row meanwhile) leaves nothing to update, and nobody is mailed twice.
    const [claimed] = await opts.db
      .update(pulseInvitations)
      .set({ tokenHash: sha256(token), remindedAt: now })
      .where(and(eq(pulseInvitations.id, invitation.id), isNull(pulseInvitations.remindedAt)))
      .returning({ id: pulseInvitations.id });
    if (!claimed) continue;
    const mail = reminderEmail({
      programName: wave.programName,
      link: waveLink(opts.publicUrl, token),
      closesAt,
      minGroupSize,
    });
    await queueEmail({
      db: opts.db,
      orgId,
      to: invitation.email,
      subject: mail.subject,
      body: mail.body,
    });
    reminded += 1;
  }
  return { reminded };
}

/** The `pulses.remind` job (payload { waveId }), in the worker's transaction. */
export function pulseReminderHandler(deps: { publicUrl: string }): JobHandler {
  return async ({ db, job }) => {
    await remindWave({ db, waveId: String(job.payload.waveId), publicUrl: deps.publicUrl });
  };
}
