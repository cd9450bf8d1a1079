import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, caseResurveys, cases, customers, outboxMessages } from '../db/schema/index.ts';
import { eventQueue, fanOutHandler } from '../events/events.ts';
import { startWorker } from '../jobs/worker.ts';
import {
  createRecoveryWorld,
  type RecoveryWorld,
} from '../recovery/recovery-world.test-support.ts';
import { createCustomer } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp, testConfig } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';
import {
  RESURVEY_ANSWERED_QUEUE,
  recordResurveyAnswer,
  resurveyAnsweredHandler,
} from './resurvey-answered.ts';

const publicUrl = testConfig().publicUrl;

describe.each(databaseKinds)('reply to the customer on %s', (kind) => {
  let t: TestApp;
  let w: RecoveryWorld;
  let owner: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await createRecoveryWorld(t.database.db);
    owner = await signInAs(t.app, w.people.employee.email);
  });
  afterAll(() => t.close());

  const reply = (who: SignedIn, caseId: string, body: object) =>
    who.request('POST', `/api/v1/cases/${caseId}/reply`, body);
  const timelineOf = (caseId: string) =>
    t.database.db
      .select()
      .from(caseEvents)
      .where(eq(caseEvents.caseId, caseId))
      .orderBy(caseEvents.id);
  const runConsumers = async () => {
    const worker = startWorker({
      db: t.database.db,
      handlers: {
        [eventQueue('response.received')]: fanOutHandler('response.received'),
        [RESURVEY_ANSWERED_QUEUE]: resurveyAnsweredHandler,
      },
      pollMs: 60_000,
    });
    await worker.drain();
    await worker.stop();
  };

  it('sends the templated reply with a re-survey link; the answer from the survey page joins the timeline', async () => {
    const db = t.database.db;
    const theCase = await w.newCase({ status: 'waiting_on_customer' });
    const res = await reply(owner, theCase.id, {
      subject: 'About case {{case.number}}',
      body: 'Dear {{ customer.name }},\n\nThe {{unit.name}} team is sorry. Your refund is on its way.',
      resurvey: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      resurvey: true,
      event: { kind: 'reply_sent', actor: { id: w.people.employee.id } },
    });
    expect(res.body).not.toContain('/s/');
    const [mail] = await db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, res.json().outboxMessageId));
    expect(mail).toMatchObject({
      toAddress: 'ada@example.test',
      subject: `About case ${theCase.number}`,
    });
    expect(mail!.bodyText).toContain('Dear Ada Customer,');
    expect(mail!.bodyText).toContain('The Team team is sorry.');
    const token = new RegExp(`${publicUrl}/s/([A-Za-z0-9_-]+)`).exec(mail!.bodyText)?.[1];
    expect(token).toBeDefined();

    const page = await t.app.inject({ method: 'GET', url: `/s/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Did we put it right?');
    const submit = await t.app.inject({
      method: 'POST',
      url: `/s/${token}/submit`,
      payload: { answers: { put_right: 5, comment: 'All good now, thanks' } },
    });
    expect(submit.statusCode, submit.body).toBe(200);
    await runConsumers();

    const timeline = await timelineOf(theCase.id);
    expect(timeline.map((e) => e.kind)).toEqual([
      'reply_sent',
      'resurvey_answered',
      'status_changed',
    ]);
    expect(timeline[0]!.data).toMatchObject({
      subject: `About case ${theCase.number}`,
      resurvey: true,
    });
    expect(timeline[1]!.data).toMatchObject({
      score: 100,
      putRight: true,
      comment: 'All good now, thanks',
    });
    expect(timeline[1]!.actorId).toBeNull();
    const [after] = await db.select().from(cases).where(eq(cases.id, theCase.id));
    expect(after).toMatchObject({ status: 'in_progress', version: theCase.version + 1 });

    // The consumer running again for the same response changes nothing.
    const responseId = String(timeline[1]!.data.responseId);
    await recordResurveyAnswer({ db, orgId: w.orgId, responseId });
    expect(await timelineOf(theCase.id)).toHaveLength(3);
  });

  it('without a re-survey sends no link and creates no invitation', async () => {
    const theCase = await w.newCase();
    const res = await reply(owner, theCase.id, {
      subject: 'Sorry',
      body: 'We fixed it.',
      resurvey: false,
    });
    expect(res.statusCode).toBe(201);
    const [mail] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, res.json().outboxMessageId));
    expect(mail!.bodyText).toBe('We fixed it.');
    const links = await t.database.db
      .select()
      .from(caseResurveys)
      .where(eq(caseResurveys.caseId, theCase.id));
    expect(links).toEqual([]);
  });

  it('refuses unknown placeholders, naming the field', async () => {
    const theCase = await w.newCase();
    const res = await reply(owner, theCase.id, {
      subject: 'Hi {{customer.email}}',
      body: 'x {{case.secret}}',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.subject',
      'body.body',
    ]);
    expect(res.json().errors[0].message).toContain('{{customer.email}}');
  });

  it('refuses a case without a customer e-mail (422 naming customer.email)', async () => {
    const db = t.database.db;
    const nobody = await w.newCase({ customerId: null });
    const res = await reply(owner, nobody.id, { subject: 'Hi', body: 'Sorry' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('customer.email');
    const silent = await createCustomer(db, w.orgId, { email: null });
    const noMail = await w.newCase({ customerId: silent.id });
    const res2 = await reply(owner, noMail.id, { subject: 'Hi', body: 'Sorry' });
    expect(res2.json().errors[0]).toMatchObject({ field: 'customer.email' });
  });

  it("inserts values literally: a customer's name cannot add a header or another placeholder", async () => {
    const db = t.database.db;
    const [sneaky] = await db
      .insert(customers)
      .values({
        orgId: w.orgId,
        externalId: 'C-SNEAKY',
        name: '{{unit.name}}\r\nBcc: all@example.test',
        email: 's@example.test',
      })
      .returning();
    const theCase = await w.newCase({ customerId: sneaky!.id });
    const res = await reply(owner, theCase.id, {
      subject: 'Hello {{customer.name}}',
      body: 'Hi',
      resurvey: false,
    });
    const [mail] = await db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, res.json().outboxMessageId));
    expect(mail!.subject).toBe('Hello {{unit.name}} Bcc: all@example.test');
  });

  it('only someone who sees the case may reply', async () => {
    const theCase = await w.newCase();
    const stranger = await signInAs(t.app, w.people.otherEmployee.email);
    expect((await reply(stranger, theCase.id, { subject: 'Hi', body: 'Sorry' })).statusCode).toBe(
      403,
    );
    const boss = await signInAs(t.app, w.people.branchBoss.email);
    expect(
      (await reply(boss, theCase.id, { subject: 'Hi', body: 'Sorry', resurvey: false })).statusCode,
    ).toBe(201);
    const sent = await t.database.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, theCase.id), eq(caseEvents.kind, 'reply_sent')));
    expect(sent).toHaveLength(1);
  });
});
