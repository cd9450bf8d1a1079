import type { CaseRuleBody } from '@valueloop/contracts';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../auth/api-token-service.ts';
import {
  caseEvents,
  caseResurveys,
  cases,
  invitations,
  notifications,
  outboxMessages,
  people,
  responses,
} from '../db/schema/index.ts';
import { eventQueue } from '../events/events.ts';
import { createJobHandlers } from '../jobs/handlers.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { startWorker } from '../jobs/worker.ts';
import {
  createCase,
  createOrganization,
  createPerson,
  createResponse,
  createSurveyWithVersion,
  createUnit,
  customerValueAnswers,
} from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp, testConfig } from '../testing/harness.ts';
import { createCaseQueue } from './loop-settings.ts';
import { OPEN_CASES_QUEUE, openCasesForResponse, openCasesHandler } from './open-cases.ts';
import { createCaseRule } from './rule-service.ts';

const publicUrl = 'https://loop.example.test';

describe.each(databaseKinds)('cases.open consumer on %s', (kind) => {
  let t: TestApp;
  let orgId: string;
  let team: { id: string; name: string };
  let manager: { id: string; email: string };
  let employee: { id: string };
  let queueMembers: string[];
  let queueId: string;
  let version: Awaited<ReturnType<typeof createSurveyWithVersion>>['version'];
  const ruleIds: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    orgId = (await createOrganization(db)).id;
    const admin = await createPerson(db, orgId, { roles: ['admin'] });
    manager = await createPerson(db, orgId, { roles: ['manager'] });
    const region = await createUnit(db, orgId, { level: 'region', managerId: manager.id });
    // The team has no manager of its own: unit_manager walks up to the region's.
    team = await createUnit(db, orgId, { parentId: region.id, name: 'Portland Harborfront' });
    employee = await createPerson(db, orgId, { unitId: team.id });
    queueMembers = [
      (await createPerson(db, orgId, { unitId: region.id })).id,
      (await createPerson(db, orgId, { unitId: region.id })).id,
    ];
    queueId = (
      await createCaseQueue({
        db,
        orgId,
        actorId: admin.id,
        body: { name: 'Promises', memberIds: queueMembers },
      })
    ).id;
    version = (await createSurveyWithVersion(db, orgId)).version;
    const rules: Record<string, Omit<CaseRuleBody, 'name' | 'active' | 'surveyId'>> = {
      Detractor: {
        conditions: [{ kind: 'nps_category', in: ['detractor'] }],
        priority: 'high',
        owner: { kind: 'serving_employee' },
        slaHours: 2,
      },
      Rudeness: {
        conditions: [{ kind: 'comment_keywords', any: ['rude'] }],
        priority: 'urgent',
        owner: { kind: 'unit_manager' },
        slaHours: 8,
      },
      'Broken promise': {
        conditions: [{ kind: 'promise_broken' }],
        priority: 'normal',
        owner: { kind: 'queue', queueId },
        slaHours: 16,
      },
      Praise: {
        conditions: [{ kind: 'nps_category', in: ['promoter'] }],
        priority: 'low',
        owner: { kind: 'unit_manager' },
        slaHours: 40,
      },
    };
    for (const [name, rule] of Object.entries(rules)) {
      const created = await createCaseRule({
        db,
        orgId,
        actorId: admin.id,
        body: { name, active: true, surveyId: null, ...rule },
      });
      ruleIds[name] = created.id;
    }
  });
  afterAll(() => t.close());

  const angryResponse = (employeeId = employee.id) =>
    createResponse(t.database.db, version, {
      answers: customerValueAnswers({ nps: 3, late: true, comment: 'The clerk was RUDE.' }),
      unitId: team.id,
      employeeId,
    });
  const casesOf = (responseId: string) =>
    t.database.db.select().from(cases).where(eq(cases.responseId, responseId));
  const ruleOf = (rows: Array<typeof cases.$inferSelect>, name: string) =>
    rows.find((row) => row.ruleId === ruleIds[name]);
  const runConsumer = async () => {
    const worker = startWorker({
      db: t.database.db,
      handlers: { [OPEN_CASES_QUEUE]: openCasesHandler({ publicUrl }) },
      pollMs: 60_000,
    });
    const ran = await worker.drain();
    await worker.stop();
    return ran;
  };

  it('opens exactly one case per matching rule even when the job runs twice', async () => {
    const db = t.database.db;
    const response = await angryResponse();
    for (let i = 0; i < 2; i++) {
      await enqueueJob({ db, queue: OPEN_CASES_QUEUE, orgId, payload: { subjectId: response.id } });
    }
    expect(await runConsumer()).toBeGreaterThanOrEqual(2);
    const opened = await casesOf(response.id);
    expect(opened.map((c) => c.ruleId).sort()).toEqual(
      [ruleIds.Detractor, ruleIds.Rudeness, ruleIds['Broken promise']].sort(),
    );
    const events = await db
      .select()
      .from(caseEvents)
      .where(
        inArray(
          caseEvents.caseId,
          opened.map((c) => c.id),
        ),
      );
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.kind === 'opened' && e.actorId === null)).toBe(true);
    expect(events.map((e) => e.data.rule).sort()).toEqual([
      'Broken promise',
      'Detractor',
      'Rudeness',
    ]);
  });

  it('resolves owners: serving employee, unit manager up the tree, queue', async () => {
    const response = await angryResponse();
    await t.database.db.transaction((tx) =>
      openCasesForResponse({ db: tx, orgId, responseId: response.id, publicUrl }),
    );
    const rows = await casesOf(response.id);
    expect(ruleOf(rows, 'Detractor')).toMatchObject({ ownerId: employee.id, queueId: null });
    expect(ruleOf(rows, 'Rudeness')).toMatchObject({ ownerId: manager.id, queueId: null });
    expect(ruleOf(rows, 'Broken promise')).toMatchObject({ ownerId: null, queueId });
    expect(ruleOf(rows, 'Detractor')).toMatchObject({
      title: 'Detractor (NPS 3) at Portland Harborfront',
      priority: 'high',
      unitId: team.id,
      employeeId: employee.id,
      status: 'new',
    });
  });

  it('hands a case to the unit manager when the serving employee has left', async () => {
    const db = t.database.db;
    const leaver = await createPerson(db, orgId, { unitId: team.id });
    const response = await angryResponse(leaver.id);
    await db.update(people).set({ exitDate: '2020-01-31' }).where(eq(people.id, leaver.id));
    await db.transaction((tx) =>
      openCasesForResponse({ db: tx, orgId, responseId: response.id, publicUrl }),
    );
    expect(ruleOf(await casesOf(response.id), 'Detractor')).toMatchObject({
      ownerId: manager.id,
      employeeId: leaver.id,
    });
  });

  it('sets the due time in business hours (Friday 16:00 + 2 h → Monday 10:00 UTC)', async () => {
    const response = await angryResponse();
    await t.database.db.transaction((tx) =>
      openCasesForResponse({
        db: tx,
        orgId,
        responseId: response.id,
        publicUrl,
        now: new Date('2026-11-20T16:00:00Z'),
      }),
    );
    const rows = await casesOf(response.id);
    expect(ruleOf(rows, 'Detractor')!.dueAt.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(ruleOf(rows, 'Rudeness')!.dueAt.toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(ruleOf(rows, 'Detractor')!.openedAt.toISOString()).toBe('2026-11-20T16:00:00.000Z');
  });

  it('tells the owner or every queue member, in the inbox and by e-mail, once', async () => {
    const db = t.database.db;
    const response = await angryResponse();
    for (let i = 0; i < 2; i++) {
      await db.transaction((tx) =>
        openCasesForResponse({ db: tx, orgId, responseId: response.id, publicUrl }),
      );
    }
    const rows = await casesOf(response.id);
    const links = rows.map((c) => `/cases/${c.id}`);
    const told = await db.select().from(notifications).where(inArray(notifications.link, links));
    const detractor = ruleOf(rows, 'Detractor')!;
    const queued = ruleOf(rows, 'Broken promise')!;
    expect(told.filter((n) => n.link === `/cases/${detractor.id}`).map((n) => n.personId)).toEqual([
      employee.id,
    ]);
    expect(
      told
        .filter((n) => n.link === `/cases/${queued.id}`)
        .map((n) => n.personId)
        .sort(),
    ).toEqual([...queueMembers].sort());
    expect(told).toHaveLength(4);
    expect(told.every((n) => n.kind === 'case_assigned')).toBe(true);
    // Earlier tests opened cases with the same title: find this case's e-mail by its link.
    const rudeness = ruleOf(rows, 'Rudeness')!;
    const emails = await db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, manager.email));
    const mine = emails.filter((m) => m.bodyText.includes(`${publicUrl}/cases/${rudeness.id}`));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe(`New case: ${rudeness.title}`);
  });

  it('leaves nothing behind when it crashes between two rules, and finishes on the rerun', async () => {
    const db = t.database.db;
    const response = await angryResponse();
    let inserted = 0;
    await expect(
      db.transaction((tx) =>
        openCasesForResponse({
          db: tx,
          orgId,
          responseId: response.id,
          publicUrl,
          afterCaseOpened: () => {
            inserted++;
            throw new Error('worker died');
          },
        }),
      ),
    ).rejects.toThrow('worker died');
    expect(inserted).toBe(1);
    expect(await casesOf(response.id)).toHaveLength(0);
    await enqueueJob({ db, queue: OPEN_CASES_QUEUE, orgId, payload: { subjectId: response.id } });
    await runConsumer();
    const rows = await casesOf(response.id);
    expect(rows).toHaveLength(3);
    const told = await db
      .select()
      .from(notifications)
      .where(
        inArray(
          notifications.link,
          rows.map((c) => `/cases/${c.id}`),
        ),
      );
    expect(told).toHaveLength(4);
  });

  it('opens each case once when two consumers run the same response at the same time', async () => {
    const db = t.database.db;
    const response = await angryResponse();
    const run = () =>
      db.transaction((tx) =>
        openCasesForResponse({ db: tx, orgId, responseId: response.id, publicUrl }),
      );
    const [first, second] = await Promise.all([run(), run()]);
    expect(first!.length + second!.length).toBe(3);
    const rows = await casesOf(response.id);
    expect(rows).toHaveLength(3);
    const events = await db
      .select()
      .from(caseEvents)
      .where(
        inArray(
          caseEvents.caseId,
          rows.map((c) => c.id),
        ),
      );
    expect(events).toHaveLength(3);
  });

  it('opens no case for a re-survey answer (it belongs to its case)', async () => {
    const db = t.database.db;
    const first = await angryResponse();
    const original = await createCase(db, { orgId, responseId: first.id });
    const [invitation] = await db
      .insert(invitations)
      .values({
        orgId,
        surveyId: version.surveyId,
        surveyVersionId: version.id,
        tokenHash: `resurvey-${kind}-${first.id}`,
        channel: 'email',
        expiresAt: new Date(Date.now() + 86_400_000),
      })
      .returning();
    await db
      .insert(caseResurveys)
      .values({ invitationId: invitation!.id, orgId, caseId: original.id });
    const answer = await angryResponse();
    await db
      .update(responses)
      .set({ invitationId: invitation!.id })
      .where(eq(responses.id, answer.id));
    const opened = await db.transaction((tx) =>
      openCasesForResponse({ db: tx, orgId, responseId: answer.id, publicUrl }),
    );
    expect(opened).toEqual([]);
    expect(await casesOf(answer.id)).toHaveLength(0);
  });

  it('opens a case for a detractor posted to the API once the worker has run', async () => {
    const db = t.database.db;
    const admin = await createPerson(db, orgId, { roles: ['admin'] });
    const { token } = await createApiToken({
      db,
      orgId,
      createdBy: admin.id,
      name: 'kiosk',
      scopes: ['ingest'],
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/responses',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        items: [
          {
            submissionId: `integration-${kind}`,
            surveyId: version.surveyId,
            version: 1,
            answers: customerValueAnswers({ nps: 1 }),
          },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const responseId = res.json().results[0].id as string;
    expect(await casesOf(responseId)).toHaveLength(0);
    const config = testConfig();
    const worker = startWorker({
      db,
      handlers: {
        [eventQueue('response.received')]: createJobHandlers({ config })[
          eventQueue('response.received')
        ]!,
        [OPEN_CASES_QUEUE]: openCasesHandler({ publicUrl: config.publicUrl }),
      },
      pollMs: 60_000,
    });
    await worker.drain();
    await worker.stop();
    const rows = await casesOf(responseId);
    expect(rows.map((c) => c.ruleId)).toEqual([ruleIds.Detractor]);
    expect(rows[0]!.title).toBe('Detractor (NPS 1)');
  });
});
