import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { randomToken, sha256 } from '../auth/secrets.ts';
import type { DbOrTx } from '../db/client.ts';
import { people, pulseInvitations, pulsePrograms, pulseWaves } from '../db/schema/index.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { minGroupSizeOf } from './min-group-size.ts';
import { queueWaveEmails } from './queue-wave-emails.ts';
import { reminderEmail, waveLink } from './wave-mail.ts';

const BATCH = 1000;

/**
 * The one reminder of an open wave, to the people whose invitation row still exists — a row is
 * deleted when its person answers, so the rows left ARE the people who have not answered. This
 * function is the only reader of that fact; it sends e-mails and returns a count, nothing else.
 *
 * Only token hashes are stored, so the first link cannot be rebuilt. A person without a saved
 * draft gets a fresh token (its hash replaces the old one) and a new link that replaces the
 * first. A person with a draft keeps their token — the draft is sealed with a key derived from
 * it (submission-draft.ts), so a new token would lose their answers — and is asked to continue
 * with the link of the first e-mail. No server secret or stored link is needed either way.
 */
export async function remindWave(opts: {
  db: DbOrTx;
  waveId: string;
  publicUrl: string;
  now?: Date;
}): Promise<{ reminded: number }> {
  const now = opts.now ?? new Date();
  const [row] = await opts.db
    .select({ wave: pulseWaves, programName: pulsePrograms.name })
    .from(pulseWaves)
    .innerJoin(pulsePrograms, eq(pulsePrograms.id, pulseWaves.programId))
    .where(eq(pulseWaves.id, opts.waveId));
  if (row?.wave.status !== 'open' || row.wave.closesAt <= now) return { reminded: 0 };
  const { id: waveId, orgId, opensAt, closesAt } = row.wave;
  const pending = await opts.db
    .select({ id: pulseInvitations.id, email: people.email })
    .from(pulseInvitations)
    .innerJoin(people, eq(people.id, pulseInvitations.personId))
    .where(
      and(
        eq(pulseInvitations.waveId, waveId),
        isNull(pulseInvitations.remindedAt),
        gt(pulseInvitations.expiresAt, now),
      ),
    );
  const minGroupSize = await minGroupSizeOf(opts.db, orgId);
  let reminded = 0;
  for (let i = 0; i < pending.length; i += BATCH) {
    const batch = pending.slice(i, i + BATCH).map((p) => ({ ...p, token: randomToken(32) }));
    const claimed = await claimReminders(opts.db, batch, now);
    const messages = batch
      .filter((p) => claimed.has(p.id))
      .map((p) => ({
        to: p.email,
        ...reminderEmail({
          programName: row.programName,
          link: claimed.get(p.id) === 'new_link' ? waveLink(opts.publicUrl, p.token) : null,
          sentOn: opensAt,
          closesAt,
          minGroupSize,
        }),
      }));
    await queueWaveEmails(opts.db, orgId, messages);
    reminded += messages.length;
  }
  return { reminded };
}

/**
 * Stamps remindedAt and, on rows without a draft, swaps in the new token's hash — only where
 * remindedAt is still null: a racing reminder (or a submission that deleted the row meanwhile)
 * leaves nothing to update, so nobody is mailed twice. The draft test runs on the locked row,
 * so a draft saved a moment ago is never orphaned. Returns, per claimed id, which mail to send.
 */
async function claimReminders(
  db: DbOrTx,
  batch: readonly { id: string; token: string }[],
  now: Date,
): Promise<Map<string, 'new_link' | 'first_link'>> {
  const ids = batch.map((p) => p.id);
  const hashes = batch.map((p) => sha256(p.token));
  const result = await db.execute(sql`
    update pulse_invitations as i
    set token_hash = case when i.draft is null then v.hash else i.token_hash end,
      reminded_at = ${now.toISOString()}::timestamptz
    from unnest(${sql.param(ids)}::uuid[], ${sql.param(hashes)}::text[]) as v(id, hash)
    where i.id = v.id and i.reminded_at is null
    returning i.id, i.token_hash = v.hash as rotated`);
  const rows = (result as unknown as { rows: { id: string; rotated: boolean }[] }).rows;
  return new Map(rows.map((r) => [r.id, r.rotated ? 'new_link' : 'first_link']));
}

/** The `pulses.remind` job (payload { waveId }), in the worker's transaction. */
export function pulseReminderHandler(deps: { publicUrl: string }): JobHandler {
  return async ({ db, job }) => {
    await remindWave({ db, waveId: String(job.payload.waveId), publicUrl: deps.publicUrl });
  };
}
