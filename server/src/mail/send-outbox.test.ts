import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, outboxMessages } from '../db/schema/index.ts';
import { createJobHandlers } from '../jobs/handlers.ts';
import { startWorker } from '../jobs/worker.ts';
import { notify } from '../notifications/notify.ts';
import { createOrganization, createPerson } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp, testConfig } from '../testing/harness.ts';
import { signInAs } from '../testing/http-client.ts';
import { OUTBOX_SEND_QUEUE } from './queue-email.ts';

interface Delivered {
  from: string;
  to: string[];
  data: string;
  user: string | undefined;
}

/** A real SMTP server on 127.0.0.1 that accepts user/pass and records every message. */
async function startSmtpServer(opts: { rejectRecipients?: boolean } = {}) {
  const received: Delivered[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === 's3cret') {
        callback(null, { user: auth.username });
      } else callback(new Error('bad credentials'));
    },
    onRcptTo(_address, _session, callback) {
      callback(opts.rejectRecipients ? new Error('mailbox unavailable') : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://mailer:s3cret@127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(databaseKinds)('e-mail delivery on %s', (kind) => {
  let t: TestApp;
  let email: string;
  let orgId: string;
  let personId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const org = await createOrganization(t.database.db);
    orgId = org.id;
    const person = await createPerson(t.database.db, org.id, { roles: ['admin'] });
    email = person.email;
    personId = person.id;
  });
  afterAll(() => t.close());

  async function requestReset() {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email },
    });
    expect(res.statusCode).toBe(202);
  }

  async function drain(env: Record<string, string> = {}) {
    const handlers = createJobHandlers({
      config: testConfig({ VALUELOOP_MAIL_FROM: 'ValueLoop <hello@valueloop.test>', ...env }),
    });
    const worker = startWorker({ db: t.database.db, handlers, pollMs: 600_000 });
    await worker.drain();
    await worker.stop();
  }

  const latestMessage = async () =>
    (
      await t.database.db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.orgId, orgId))
        .orderBy(outboxMessages.createdAt)
    ).at(-1)!;

  async function sendJobOf(messageId: string) {
    const queued = await t.database.db.select().from(jobs).where(eq(jobs.queue, OUTBOX_SEND_QUEUE));
    return queued.find((j) => j.payload.messageId === messageId)!;
  }

  it('sends a password-reset e-mail with its link through the configured SMTP server', async () => {
    const smtp = await startSmtpServer();
    await requestReset();
    await drain({ VALUELOOP_SMTP_URL: smtp.url });
    await smtp.close();
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received as [Delivered];
    expect(mail.to).toEqual([email.toLowerCase()]);
    expect(mail.from).toBe('hello@valueloop.test');
    expect(mail.user).toBe('mailer');
    expect(mail.data).toContain('Subject: Reset your ValueLoop password');
    expect(mail.data.replace(/=\r\n/g, '')).toMatch(/\/reset-password\?token=3D[\w-]{40,}/);
    expect((await latestMessage()).sentAt).not.toBeNull();
  });

  it('delivers a notification’s e-mail copy, with its absolute link, through the SMTP server', async () => {
    const smtp = await startSmtpServer();
    const told = await notify({
      db: t.database.db,
      orgId,
      personId,
      kind: 'approval_needed',
      title: 'A recovery waits for your approval',
      body: 'CASE-7: refund of 40.00 USD',
      link: '/approvals/42',
      publicUrl: 'https://valueloop.example',
    });
    expect(told).toBe(true);
    await drain({ VALUELOOP_SMTP_URL: smtp.url });
    await smtp.close();
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received as [Delivered];
    expect(mail.to).toEqual([email.toLowerCase()]);
    expect(mail.data).toContain('Subject: A recovery waits for your approval');
    const text = mail.data.replace(/=\r\n/g, '');
    expect(text).toContain('CASE-7: refund of 40.00 USD');
    expect(text).toContain('https://valueloop.example/approvals/42');
    expect((await latestMessage()).sentAt).not.toBeNull();
  });

  it('leaves the message in the dev mailbox, unsent, when no SMTP server is configured', async () => {
    await requestReset();
    await drain();
    const message = await latestMessage();
    expect(message.sentAt).toBeNull();
    const job = await sendJobOf(message.id);
    expect(job.doneAt).not.toBeNull();
    const admin = await signInAs(t.app, email);
    const mailbox = await admin.request('GET', '/api/v1/dev/mailbox');
    expect(mailbox.json().items[0]).toMatchObject({ id: message.id, to: email.toLowerCase() });
  });

  it('keeps the message for a retry when the SMTP server refuses it', async () => {
    const smtp = await startSmtpServer({ rejectRecipients: true });
    await requestReset();
    await drain({ VALUELOOP_SMTP_URL: smtp.url });
    await smtp.close();
    const message = await latestMessage();
    expect(message.sentAt).toBeNull();
    const job = await sendJobOf(message.id);
    expect(job.doneAt).toBeNull();
    expect(job.lastError).toMatch(/mailbox unavailable/);
  });
});
