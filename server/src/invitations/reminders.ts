import { and, eq, exists, gt, isNotNull, isNull, notExists } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { customerOptOuts, customers, invitations } from '../db/schema/index.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { queueEmail } from '../mail/queue-email.ts';

export const INVITATION_REMIND_QUEUE = 'invitations.remind';

/**
 * Why a delayed job per invitation and not a periodic scan: only the token's hash is stored,
 * so a scan could not rebuild the survey link. The job is enqueued when the invitation e-mail
 * is, in the same transaction, and its payload holds the link — the same exposure as the
 * outbox body of the first e-mail, no new secret column. Whether to remind is decided when the
 * job runs (completed, opted out, expired), and the conditional UPDATE below makes the reminder
 * happen at most once however many jobs or workers race for it.
 */
export async function scheduleInvitationReminder(opts: {
  db: DbOrTx;
  orgId: string;
  invitationId: string;
  url: string;
  sentAt: Date;
  expiresAt: Date;
  reminderAfterDays: number | null;
}): Promise<void> {
  if (opts.reminderAfterDays === null) return;
  const runAt = new Date(opts.sentAt.getTime() + opts.reminderAfterDays * 86_400_000);
  if (runAt >= opts.expiresAt) return;
  await enqueueJob({
    db: opts.db,
    queue: INVITATION_REMIND_QUEUE,
    orgId: opts.orgId,
    runAt,
    payload: { invitationId: opts.invitationId, url: opts.url },
  });
}

/**
 * Sends the one reminder of an invitation if it is still due: an e-mail invitation that was
 * sent, is not completed, expired or already reminded, to a customer who has not opted out.
 * Returns whether a reminder was queued.
 */
export async function remindInvitation(opts: {
  db: DbOrTx;
  invitationId: string;
  url: string;
  now?: Date;
}): Promise<boolean> {
  const now = opts.now ?? new Date();
  const [claimed] = await opts.db
    .update(invitations)
    .set({ remindedAt: now })
    .where(
      and(
        eq(invitations.id, opts.invitationId),
        eq(invitations.channel, 'email'),
        isNotNull(invitations.sentAt),
        isNull(invitations.remindedAt),
        isNull(invitations.completedAt),
        gt(invitations.expiresAt, now),
        notExists(
          opts.db
            .select({ one: customerOptOuts.customerId })
            .from(customerOptOuts)
            .where(
              and(
                eq(customerOptOuts.orgId, invitations.orgId),
                eq(customerOptOuts.customerId, invitations.customerId),
              ),
            ),
        ),
        exists(
          opts.db
            .select({ one: customers.id })
            .from(customers)
            .where(and(eq(customers.id, invitations.customerId), isNotNull(customers.email))),
        ),
      ),
    )
    .returning({
      orgId: invitations.orgId,
      customerId: invitations.customerId,
      expiresAt: invitations.expiresAt,
    });
  if (!claimed) return false;
  const [customer] = await opts.db
    .select({ email: customers.email })
    .from(customers)
    .where(eq(customers.id, claimed.customerId!));
  await queueEmail({
    db: opts.db,
    orgId: claimed.orgId,
    to: customer!.email!,
    subject: 'A reminder: two minutes about your visit',
    body: reminderText(opts.url, claimed.expiresAt),
  });
  return true;
}

function reminderText(url: string, expiresAt: Date): string {
  return [
    'A few days ago we asked how your visit went. If you have two minutes, we would value it:',
    '',
    url,
    '',
    `The link works until ${expiresAt.toDateString()}. This is the only reminder.`,
    `To never receive these surveys again: ${url}/opt-out`,
  ].join('\n');
}

/** The `invitations.remind` job; runs in the worker's transaction with the job's completion. */
export const runInvitationReminder: JobHandler = async ({ db, job }) => {
  await remindInvitation({
    db,
    invitationId: String(job.payload.invitationId),
    url: String(job.payload.url),
  });
};
