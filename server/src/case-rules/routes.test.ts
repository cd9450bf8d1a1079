import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../db/schema/index.ts';
import {
  createCase,
  createOrganization,
  createPerson,
  createResponse,
  createSurveyWithVersion,
  createUnit,
  customerValueAnswers,
} from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';

const detractorRule = {
  name: 'Detractor',
  conditions: [{ kind: 'nps_category', in: ['detractor'] }],
  priority: 'high',
  owner: { kind: 'unit_manager' },
  slaHours: 8,
};

const fieldsOf = (body: string): string[] =>
  (JSON.parse(body) as { errors?: Array<{ field?: string }> }).errors?.map((e) => e.field ?? '') ??
  [];

describe.each(databaseKinds)('case rule API on %s', (kind) => {
  let t: TestApp;
  let orgId: string;
  let admin: SignedIn;
  let employee: SignedIn;
  let surveyId: string;
  let version: Awaited<ReturnType<typeof createSurveyWithVersion>>['version'];
  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    orgId = (await createOrganization(db)).id;
    const unit = await createUnit(db, orgId);
    const adminPerson = await createPerson(db, orgId, { roles: ['admin'], unitId: unit.id });
    const employeePerson = await createPerson(db, orgId, { unitId: unit.id });
    admin = await signInAs(t.app, adminPerson.email);
    employee = await signInAs(t.app, employeePerson.email);
    const created = await createSurveyWithVersion(db, orgId);
    surveyId = created.survey.id;
    version = created.version;
  });
  afterAll(() => t.close());

  const createRule = async (body: object = detractorRule) => {
    const res = await admin.request('POST', '/api/v1/case-rules', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number; name: string };
  };

  it('creates, lists and reads a rule with its defaults', async () => {
    const rule = await createRule();
    expect(rule).toMatchObject({ name: 'Detractor', active: true, surveyId: null, version: 1 });
    const list = await admin.request('GET', '/api/v1/case-rules');
    expect(list.json().items.map((r: { id: string }) => r.id)).toContain(rule.id);
    const one = await admin.request('GET', `/api/v1/case-rules/${rule.id}`);
    expect(one.json()).toMatchObject({ id: rule.id, owner: { kind: 'unit_manager' } });
  });

  it('refuses impossible thresholds, naming the condition value', async () => {
    const cases: Array<[object, string]> = [
      [{ kind: 'score', field: 'cvi', op: 'lt', value: 0 }, 'body.conditions.0.value'],
      [{ kind: 'score', field: 'csat', op: 'gt', value: 100 }, 'body.conditions.0.value'],
      [{ kind: 'score', field: 'cvi', op: 'gte', value: 120 }, 'body.conditions.0.value'],
      [{ kind: 'score', field: 'nps', op: 'lte', value: 11 }, 'body.conditions.0.value'],
      [{ kind: 'score', field: 'nps', op: 'lte', value: 4.5 }, 'body.conditions.0.value'],
      [{ kind: 'score', field: 'cv.result', op: 'lt', value: -5 }, 'body.conditions.0.value'],
      [{ kind: 'score', field: 'happiness', op: 'lt', value: 50 }, 'body.conditions.0.field'],
    ];
    for (const [condition, field] of cases) {
      const res = await admin.request('POST', '/api/v1/case-rules', {
        ...detractorRule,
        conditions: [condition],
      });
      expect(res.statusCode, JSON.stringify(condition)).toBe(422);
      expect(fieldsOf(res.body), JSON.stringify(condition)).toEqual([field]);
    }
  });

  it('accepts item constructs of the item bank and of the survey as score fields', async () => {
    const rule = await createRule({
      ...detractorRule,
      name: 'Low result',
      conditions: [
        { kind: 'score', field: 'cv.result', op: 'lte', value: 25 },
        { kind: 'score', field: 'nps', op: 'lte', value: 6 },
      ],
    });
    expect(rule.name).toBe('Low result');
  });

  it('refuses unknown fields, foreign queues and questions the survey does not have', async () => {
    const unknownKey = await admin.request('POST', '/api/v1/case-rules', {
      ...detractorRule,
      conditions: [{ kind: 'promise_broken', severity: 'high' }],
    });
    expect(unknownKey.statusCode).toBe(422);
    expect(fieldsOf(unknownKey.body).join()).toContain('body.conditions.0');
    const extra = await admin.request('POST', '/api/v1/case-rules', { ...detractorRule, x: 1 });
    expect(extra.statusCode).toBe(422);
    expect(fieldsOf(extra.body)).toEqual(['body.x']);
    const queue = await admin.request('POST', '/api/v1/case-rules', {
      ...detractorRule,
      owner: { kind: 'queue', queueId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(fieldsOf(queue.body)).toEqual(['body.owner.queueId']);
    const answer = await admin.request('POST', '/api/v1/case-rules', {
      ...detractorRule,
      surveyId,
      conditions: [{ kind: 'answer', questionId: 'no_such_question', in: [1] }],
    });
    expect(answer.statusCode).toBe(422);
    expect(fieldsOf(answer.body)).toEqual(['body.conditions.0.questionId']);
    const known = await admin.request('POST', '/api/v1/case-rules', {
      ...detractorRule,
      name: 'Late',
      surveyId,
      conditions: [{ kind: 'answer', questionId: 'late', in: [true] }],
    });
    expect(known.statusCode, known.body).toBe(201);
    const anySurvey = await admin.request('POST', '/api/v1/case-rules', {
      ...detractorRule,
      conditions: [{ kind: 'answer', questionId: 'colour', in: ['red'] }],
    });
    expect(fieldsOf(anySurvey.body)).toEqual(['body.conditions.0.questionId']);
    const foreignSurvey = await admin.request('POST', '/api/v1/case-rules', {
      ...detractorRule,
      surveyId: '00000000-0000-4000-8000-000000000000',
    });
    expect(fieldsOf(foreignSurvey.body)).toEqual(['body.surveyId']);
  });

  it('updates with the current version and answers 409 to a stale one', async () => {
    const rule = await createRule({ ...detractorRule, name: 'To edit' });
    const first = await admin.request('PATCH', `/api/v1/case-rules/${rule.id}`, {
      slaHours: 4,
      version: 1,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ slaHours: 4, version: 2, name: 'To edit' });
    const stale = await admin.request('PATCH', `/api/v1/case-rules/${rule.id}`, {
      slaHours: 6,
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toContain('current version is 2');
    const bad = await admin.request('PATCH', `/api/v1/case-rules/${rule.id}`, {
      conditions: [{ kind: 'score', field: 'nps', op: 'gt', value: 10 }],
      version: 2,
    });
    expect(fieldsOf(bad.body)).toEqual(['body.conditions.0.value']);
  });

  it('deletes a rule; the cases it opened stay, without a rule', async () => {
    const rule = await createRule({ ...detractorRule, name: 'To delete' });
    const response = await createResponse(t.database.db, version);
    const opened = await createCase(t.database.db, {
      orgId,
      responseId: response.id,
      ruleId: rule.id,
    });
    expect((await admin.request('DELETE', `/api/v1/case-rules/${rule.id}`)).statusCode).toBe(204);
    expect((await admin.request('GET', `/api/v1/case-rules/${rule.id}`)).statusCode).toBe(404);
    const [kept] = await t.database.db.select().from(cases).where(eq(cases.id, opened.id));
    expect(kept!.ruleId).toBeNull();
    expect((await admin.request('DELETE', `/api/v1/case-rules/${rule.id}`)).statusCode).toBe(404);
  });

  it('lets employees neither read nor change rules', async () => {
    expect((await employee.request('GET', '/api/v1/case-rules')).statusCode).toBe(403);
    expect((await employee.request('POST', '/api/v1/case-rules', detractorRule)).statusCode).toBe(
      403,
    );
    const hours = { timezone: 'UTC', days: [{ weekday: 1, open: '09:00', close: '17:00' }] };
    expect((await employee.request('PUT', '/api/v1/business-hours', hours)).statusCode).toBe(403);
  });

  it('creates queues of this organization only', async () => {
    const outsider = await createPerson(
      t.database.db,
      (await createOrganization(t.database.db)).id,
    );
    const bad = await admin.request('POST', '/api/v1/case-queues', {
      name: 'Escalations',
      memberIds: [outsider.id],
    });
    expect(bad.statusCode).toBe(422);
    expect(fieldsOf(bad.body)).toEqual(['body.memberIds.0']);
    const ok = await admin.request('POST', '/api/v1/case-queues', { name: 'Escalations' });
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await admin.request('POST', '/api/v1/case-queues', { name: 'Escalations' });
    expect(again.statusCode).toBe(409);
    const list = await admin.request('GET', '/api/v1/case-queues');
    expect(list.json().items).toEqual([{ id: ok.json().id, name: 'Escalations', memberIds: [] }]);
    const rule = await createRule({
      ...detractorRule,
      name: 'Queued',
      owner: { kind: 'queue', queueId: ok.json().id },
    });
    expect(rule.name).toBe('Queued');
  });

  it('reads the default business hours and replaces them, rejecting close before open', async () => {
    const initial = await admin.request('GET', '/api/v1/business-hours');
    expect(initial.json()).toMatchObject({ timezone: 'UTC', holidays: [] });
    expect(initial.json().days).toHaveLength(5);
    const hours = {
      timezone: 'America/New_York',
      days: [
        { weekday: 2, open: '08:30', close: '18:00' },
        { weekday: 1, open: '08:30', close: '18:00' },
      ],
      holidays: ['2026-12-25'],
    };
    const put = await admin.request('PUT', '/api/v1/business-hours', hours);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().days.map((d: { weekday: number }) => d.weekday)).toEqual([1, 2]);
    expect((await admin.request('GET', '/api/v1/business-hours')).json().timezone).toBe(
      'America/New_York',
    );
    const backwards = await admin.request('PUT', '/api/v1/business-hours', {
      ...hours,
      days: [{ weekday: 1, open: '18:00', close: '08:00' }],
    });
    expect(backwards.statusCode).toBe(422);
    expect(fieldsOf(backwards.body)).toEqual(['body.days.0.close']);
    const zone = await admin.request('PUT', '/api/v1/business-hours', {
      ...hours,
      timezone: 'Nowhere/Land',
    });
    expect(fieldsOf(zone.body)).toEqual(['body.timezone']);
  });

  it('previews a rule against the last 100 responses without opening cases', async () => {
    const db = t.database.db;
    const other = await createOrganization(db);
    const otherAdmin = await createPerson(db, other.id, { roles: ['analyst'] });
    const client = await signInAs(t.app, otherAdmin.email);
    const { version: v } = await createSurveyWithVersion(db, other.id);
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 3_600_000);
    // Three old detractors fall outside the window of the latest 100.
    for (let i = 0; i < 3; i++) {
      await createResponse(db, v, {
        answers: customerValueAnswers({ nps: 2 }),
        submittedAt: day(i),
      });
    }
    for (let i = 0; i < 100; i++) {
      await createResponse(db, v, {
        answers: customerValueAnswers({ nps: i % 10 === 0 ? 4 : 9 }),
        submittedAt: day(10 + i),
      });
    }
    const res = await client.request('POST', '/api/v1/case-rules/preview', detractorRule);
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json();
    expect(preview).toMatchObject({ tested: 100, matched: 10 });
    expect(preview.samples).toHaveLength(10);
    expect(preview.samples[0]).toMatchObject({ nps: 4, comment: 'Quick and friendly' });
    expect(preview.samples[0].submittedAt).toBe(day(100).toISOString());
    expect(await db.select().from(cases).where(eq(cases.orgId, other.id))).toHaveLength(0);
  }, 60_000);
});
