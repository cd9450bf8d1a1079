import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../auth/api-token-service.ts';
import { jobs, responseScores, responses } from '../db/schema/index.ts';
import { eventQueue } from '../events/events.ts';
import {
  createOrganization,
  createPerson,
  createSurveyWithVersion,
  createUnit,
  customerValueAnswers,
} from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';

describe.each(databaseKinds)('response ingestion API on %s', (kind) => {
  let t: TestApp;
  let token: string;
  let surveyId: string;
  let unitExt: string;
  let employeeExt: string;
  let employeeId: string;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const org = await createOrganization(db);
    const unit = await createUnit(db, org.id);
    unitExt = unit.externalId;
    const admin = await createPerson(db, org.id, { roles: ['admin'], unitId: unit.id });
    employeeExt = admin.externalId;
    employeeId = admin.id;
    token = (
      await createApiToken({
        db,
        orgId: org.id,
        createdBy: admin.id,
        name: 'kiosk',
        scopes: ['ingest'],
      })
    ).token;
    surveyId = (await createSurveyWithVersion(db, org.id)).survey.id;
  });
  afterAll(() => t.close());

  const item = (extra: Record<string, unknown> = {}) => ({
    submissionId: `sub-${kind}-${++n}`,
    surveyId,
    version: 1,
    answers: customerValueAnswers(),
    unitExternalId: unitExt,
    employeeExternalId: employeeExt,
    submittedAt: '2026-03-01T10:00:00Z',
    ...extra,
  });
  const post = (items: unknown[]) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/responses',
      headers: { authorization: `Bearer ${token}` },
      payload: { items },
    });
  const stored = (submissionIds: string[]) =>
    t.database.db.select().from(responses).where(inArray(responses.submissionId, submissionIds));

  it('stores a response with its scores, unit and employee', async () => {
    const body = item();
    const res = await post([body]);
    expect(res.statusCode).toBe(200);
    const [result] = res.json().results;
    expect(result).toMatchObject({ submissionId: body.submissionId, created: true });
    const [row] = await stored([body.submissionId]);
    expect(row).toMatchObject({ id: result.id, source: 'api', status: 'complete', nps: 9 });
    expect(row!.npsCategory).toBe('promoter');
    expect(row!.employeeId).toBe(employeeId);
    const items = await t.database.db
      .select()
      .from(responseScores)
      .where(eq(responseScores.responseId, result.id));
    expect(items.map((i) => i.construct).sort()).toEqual([
      'cv.ease',
      'cv.price',
      'cv.result',
      'nps',
      'sat',
    ]);
  });

  it('returns the same response id with created false when a submission id is sent again', async () => {
    const body = item();
    const first = (await post([body])).json().results[0];
    const again = (await post([{ ...body, answers: customerValueAnswers({ nps: 2 }) }])).json()
      .results[0];
    expect(again).toEqual({ submissionId: body.submissionId, id: first.id, created: false });
    const rows = await stored([body.submissionId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.nps).toBe(9);
  });

  it('stores one row when the same submission is sent twice at once', async () => {
    const body = item();
    const [a, b] = await Promise.all([post([body]), post([body])]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const ids = [a.json().results[0], b.json().results[0]];
    expect(ids[0].id).toBe(ids[1].id);
    expect(ids.filter((r) => r.created)).toHaveLength(1);
    expect(await stored([body.submissionId])).toHaveLength(1);
  });

  it('commits exactly one response.received event per stored response', async () => {
    const batch = [item(), item(), item()];
    const results = (await post(batch)).json().results as Array<{ id: string }>;
    await post(batch);
    const events = await t.database.db
      .select({ subject: sql<string>`${jobs.payload}->>'responseId'` })
      .from(jobs)
      .where(
        and(
          eq(jobs.queue, eventQueue('response.received')),
          inArray(
            sql`${jobs.payload}->>'responseId'`,
            results.map((r) => r.id),
          ),
        ),
      );
    expect(events.map((e) => e.subject).sort()).toEqual(results.map((r) => r.id).sort());
  });

  it('answers 422 naming the question of an out-of-range or wrong-typed answer', async () => {
    const res = await post([
      item(),
      item({ answers: customerValueAnswers({ nps: 11 }) }),
      item({ answers: customerValueAnswers({ sat: 'great' }) }),
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'body.items.1.answers.nps', message: 'must be from 0 to 10, got 11' },
      { field: 'body.items.2.answers.sat', message: 'must be a whole number from 1 to 5' },
    ]);
  });

  it('answers 422 when a required question is missing or an unknown question is answered', async () => {
    const { nps: _nps, ...withoutNps } = customerValueAnswers();
    const res = await post([item({ answers: { ...withoutNps, bogus: 1 } })]);
    expect(res.statusCode).toBe(422);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(['body.items.0.answers.bogus', 'body.items.0.answers.nps']);
  });

  it('answers 404 naming an unknown survey or version', async () => {
    const unknownSurvey = await post([item({ surveyId: '00000000-0000-4000-8000-000000000000' })]);
    expect(unknownSurvey.statusCode).toBe(404);
    expect(unknownSurvey.json().detail).toContain('00000000-0000-4000-8000-000000000000');
    const unknownVersion = await post([item({ version: 7 })]);
    expect(unknownVersion.statusCode).toBe(404);
    expect(unknownVersion.json().errors[0]).toEqual({
      field: 'body.items.0.version',
      message: `survey ${surveyId} has no version 7`,
    });
  });

  it('stores nothing from a batch in which any item is invalid', async () => {
    const good = item();
    const res = await post([good, item({ unitExternalId: 'NOPE' })]);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'body.items.1.unitExternalId', message: "no unit with external id 'NOPE'" },
    ]);
    expect(await stored([good.submissionId])).toHaveLength(0);
  });

  it('rejects a batch that repeats a submission id', async () => {
    const body = item();
    const res = await post([body, body]);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('body.items.1.submissionId');
  });

  it('stores thank-picker answers given by employee external id as person ids', async () => {
    const body = item({ answers: customerValueAnswers({ thanks: [employeeExt] }) });
    await post([body]);
    const [row] = await stored([body.submissionId]);
    expect(row!.thankedPersonIds).toEqual([employeeId]);
    const bad = await post([item({ answers: customerValueAnswers({ thanks: ['ghost'] }) })]);
    expect(bad.json().errors[0]).toEqual({
      field: 'body.items.0.answers.thanks',
      message: "no person with external id 'ghost'",
    });
  });

  it('answers 401 without credentials and 403 to a read-only token', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/responses',
      payload: { items: [item()] },
    });
    expect(anonymous.statusCode).toBe(401);
    const [org] = await t.database.db.select({ orgId: responses.orgId }).from(responses).limit(1);
    const [person] = await t.database.db
      .select({ id: responses.employeeId })
      .from(responses)
      .limit(1);
    const read = await createApiToken({
      db: t.database.db,
      orgId: org!.orgId,
      createdBy: person!.id!,
      name: 'ro',
      scopes: ['read'],
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/responses',
      headers: { authorization: `Bearer ${read.token}` },
      payload: { items: [item()] },
    });
    expect(res.statusCode).toBe(403);
  });
});
