import type { DbOrTx } from '../db/client.ts';
import { jobs, outboxMessages } from '../db/schema/index.ts';
import { OUTBOX_SEND_QUEUE } from '../mail/queue-email.ts';

const BATCH = 500;

/**
 * queueEmail for a whole wave: the same outbox rows and `outbox.send` jobs, written in batches
 * (a wave mails every invitee in one transaction; one round trip per message made a
 * 2,000-person wave take seconds). Pass the caller's transaction: nothing leaves before commit.
 */
export async function queueWaveEmails(
  db: DbOrTx,
  orgId: string,
  messages: readonly { to: string; subject: string; body: string }[],
): Promise<void> {
  for (let i = 0; i < messages.length; i += BATCH) {
    const batch = messages.slice(i, i + BATCH);
    const stored = await db
      .insert(outboxMessages)
      .values(batch.map((m) => ({ orgId, toAddress: m.to, subject: m.subject, bodyText: m.body })))
      .returning({ id: outboxMessages.id });
    await db.insert(jobs).values(
      stored.map((m) => ({
        queue: OUTBOX_SEND_QUEUE,
        orgId,
        payload: { messageId: m.id },
      })),
    );
  }
}
