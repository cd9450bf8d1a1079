import type { DbOrTx } from '../db/client.ts';
import { outboxMessages } from '../db/schema/index.ts';
import { enqueueJob } from '../jobs/queue.ts';

export const OUTBOX_SEND_QUEUE = 'outbox.send';

/**
 * Puts an e-mail in the outbox and enqueues its `outbox.send` job. Pass the caller's
 * transaction: the message and its job commit (or roll back) with the change that caused them,
 * and the e-mail leaves only after that commit, from the worker.
 */
export async function queueEmail(opts: {
  db: DbOrTx;
  orgId: string;
  to: string;
  subject: string;
  body: string;
}): Promise<{ id: string }> {
  const [message] = await opts.db
    .insert(outboxMessages)
    .values({
      orgId: opts.orgId,
      toAddress: opts.to,
      subject: opts.subject,
      bodyText: opts.body,
    })
    .returning({ id: outboxMessages.id });
  await enqueueJob({
    db: opts.db,
    queue: OUTBOX_SEND_QUEUE,
    orgId: opts.orgId,
    payload: { messageId: message!.id },
  });
  return message!;
}
