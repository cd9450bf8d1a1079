import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/client.ts';
import { customerOptOuts, invitations, jobs, outboxMessages, surveys } from '../db/schema/index.ts';
import { ingestInteractions } from '../interactions/ingest-interactions.ts';
import { createJobHandlers } from '../jobs/handlers.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { startWorker } from '../jobs/worker.ts';
import { createOrganization, createSurveyWithVersion, createUnit } from '../testing/factories.ts';
import {
  createPostgresTestDatabase,
  createTestDatabase,
  databaseKinds,
  testConfig,
} from '../testing/harness.ts';
import { INVITATION_REMIND_QUEUE } from './reminders.ts';

const handlers = createJobHandlers({ config: testConfig() });

describe.each(databaseKinds)('invitation reminders on %s', (kind) => {
  let database: Database;
  /** A second connection pool on the same database, as a second worker process would have. */
  let second: Database;

  beforeAll(async () => {
    if (kind === 'postgres') {
      const url = await createPostgresTestDatabase();
      database = await openDatabase({ kind, url });
      await database.migrate();
      second = await openDatabase({ kind, url });
    } else {
      database = await createTestDatabase(kind);
      second = database;
    }
  });
  afterAll(async () => {
    if (second !== database) await second.close();
    await database.close();
  });

  /** An e-mail invitation (reminder after 3 days) for a new customer; returns ids and link. */
  async function invite() {
    const db = database.db;
    const org = await createOrganization(db);
    const unit = await createUnit(db, org.id);
    const { survey } = await createSurveyWithVersion(db, org.id);
    await db
      .update(surveys)
      .set({ distribution: { ...survey.distribution, channel: 'email', reminderAfterDays: 3 } })
      .where(eq(surveys.id, survey.id));
    const [result] = await ingestInteractions({
      db,
      orgId: org.id,
      publicUrl: 'https://feedback.example.test',
      items: [
        {
          externalId: `I-${crypto.randomUUID()}`,
          customer: { externalId: 'C-1', email: 'ana@example.test' },
          unitExternalId: unit.externalId,
          employeeExternalIds: [],
          channel: 'branch',
          occurredAt: new Date().toISOString(),
        },
      ],
    });
    const invitation = result!.invitation!;
    const [row] = await db.select().from(invitations).where(eq(invitations.id, invitation.id));
    return { orgId: org.id, invitationId: invitation.id, url: invitation.url, row: row! };
  }

  const remindJobs = (invitationId: string) =>
    database.db
      .select()
      .from(jobs)
      .where(
        and(
          eq(jobs.queue, INVITATION_REMIND_QUEUE),
          sql`${jobs.payload}->>'invitationId' = ${invitationId}`,
        ),
      );

  /** Makes the invitation's reminder jobs due now, as if the delay had passed. */
  async function letDelayPass(invitationId: string) {
    for (const job of await remindJobs(invitationId)) {
      await database.db
        .update(jobs)
        .set({ runAt: new Date(Date.now() - 1000) })
        .where(eq(jobs.id, job.id));
    }
  }

  async function drain(db = database) {
    const worker = startWorker({ db: db.db, handlers, pollMs: 600_000 });
    await worker.drain();
    await worker.stop();
  }

  const mailsOf = (orgId: string) =>
    database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orgId, orgId))
      .orderBy(outboxMessages.createdAt);

  it('schedules the reminder for the survey’s reminder delay after the invitation', async () => {
    const { invitationId, row } = await invite();
    const [job] = await remindJobs(invitationId);
    expect(job!.runAt.getTime() - row.sentAt!.getTime()).toBe(3 * 86_400_000);
  });

  it('sends one reminder with the survey link once the delay has passed', async () => {
    const { orgId, invitationId, url } = await invite();
    await drain();
    expect(await mailsOf(orgId)).toHaveLength(1);
    await letDelayPass(invitationId);
    await drain();
    await enqueueJob({
      db: database.db,
      queue: INVITATION_REMIND_QUEUE,
      payload: { invitationId, url },
    });
    await drain();
    const mails = await mailsOf(orgId);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toMatch(/reminder/i);
    expect(mails[1]!.bodyText).toContain(url);
    expect(mails[1]!.toAddress).toBe('ana@example.test');
    const [row] = await database.db
      .select()
      .from(invitations)
      .where(eq(invitations.id, invitationId));
    expect(row!.remindedAt).not.toBeNull();
  });

  it('sends no reminder for a completed invitation', async () => {
    const { orgId, invitationId } = await invite();
    await database.db
      .update(invitations)
      .set({ completedAt: new Date() })
      .where(eq(invitations.id, invitationId));
    await letDelayPass(invitationId);
    await drain();
    expect(await mailsOf(orgId)).toHaveLength(1);
    expect((await remindJobs(invitationId)).every((j) => j.doneAt !== null)).toBe(true);
  });

  it('sends no reminder to a customer who opted out', async () => {
    const { orgId, invitationId, row } = await invite();
    await database.db.insert(customerOptOuts).values({ orgId, customerId: row.customerId! });
    await letDelayPass(invitationId);
    await drain();
    expect(await mailsOf(orgId)).toHaveLength(1);
    expect((await remindJobs(invitationId)).every((j) => j.doneAt !== null)).toBe(true);
  });

  it('sends no reminder for an expired invitation', async () => {
    const { orgId, invitationId } = await invite();
    await database.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(invitations.id, invitationId));
    await letDelayPass(invitationId);
    await drain();
    expect(await mailsOf(orgId)).toHaveLength(1);
    expect((await remindJobs(invitationId)).every((j) => j.doneAt !== null)).toBe(true);
  });

  it('sends one reminder when two workers race over several reminder jobs of one invitation', async () => {
    const { orgId, invitationId, url } = await invite();
    for (let i = 0; i < 3; i++) {
      await enqueueJob({
        db: database.db,
        queue: INVITATION_REMIND_QUEUE,
        payload: { invitationId, url },
      });
    }
    await letDelayPass(invitationId);
    await Promise.all([drain(database), drain(second)]);
    const reminders = (await mailsOf(orgId)).filter((m) => /reminder/i.test(m.subject));
    expect(reminders).toHaveLength(1);
  });
});
