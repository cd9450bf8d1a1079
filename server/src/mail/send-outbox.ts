import { and, eq, isNull } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import { outboxMessages } from '../db/schema/index.ts';
import type { JobHandler } from '../jobs/worker.ts';

/** What sends one e-mail; nodemailer over SMTP in production, anything in tests. */
export type SendMail = (message: {
  from: string;
  to: string;
  subject: string;
  text: string;
}) => Promise<void>;

/**
 * The SMTP sender for `VALUELOOP_SMTP_URL`, or null when none is configured. Timeouts are
 * short because the worker sends inside the job's transaction: a dead SMTP server must fail
 * the job (it is retried with backoff) rather than hold the transaction for minutes.
 */
export function createSmtpSender(mail: Config['mail']): SendMail | null {
  if (!mail.smtpUrl) return null;
  const transport = nodemailer.createTransport({
    url: mail.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return async (message) => {
    await transport.sendMail(message);
  };
}

/**
 * The `outbox.send` job: sends one outbox message and stamps `sent_at` in the job's
 * transaction. Without an SMTP sender (development) the message stays in the outbox, readable
 * in the dev mailbox, and the job completes. A send that commits nothing (crash after the SMTP
 * hand-off) is retried: delivery is at-least-once.
 */
export function sendOutboxHandler(opts: { from: string; send: SendMail | null }): JobHandler {
  return async ({ db, job }) => {
    if (!opts.send) return;
    const messageId = String(job.payload.messageId);
    const [message] = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.id, messageId), isNull(outboxMessages.sentAt)));
    if (!message) return;
    await opts.send({
      from: opts.from,
      to: message.toAddress,
      subject: message.subject,
      text: message.bodyText,
    });
    await db
      .update(outboxMessages)
      .set({ sentAt: new Date() })
      .where(eq(outboxMessages.id, message.id));
  };
}
