import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createPerson, createUnit } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';

describe.each(databaseKinds)('pulse programs on %s', (kind) => {
  let t: TestApp;
  let admin: SignedIn;
  let manager: SignedIn;
  let unitId: string;
  let pulseSurveyId: string;
  let customerSurveyId: string;
  let draftSurveyId: string;
  let foreignSurveyId: string;

  async function survey(client: SignedIn, body: object, publish = true): Promise<string> {
    const res = await client.request('POST', '/api/v1/surveys', body);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    if (publish) await client.request('POST', `/api/v1/surveys/${id}/publish`);
    return id;
  }
  const pulse = { kind: 'employee_pulse', name: 'Team pulse', template: 'employee_pulse' };
  const create = (body: object) => admin.request('POST', '/api/v1/pulse-programs', body);
  const firstError = (res: { json(): { errors: { field: string }[] } }) => res.json().errors[0];

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const org = await createOrganization(db);
    unitId = (await createUnit(db, org.id)).id;
    admin = await signInAs(t.app, (await createPerson(db, org.id, { roles: ['admin'] })).email);
    const boss = await createPerson(db, org.id, { roles: ['manager'], unitId });
    manager = await signInAs(t.app, boss.email);
    pulseSurveyId = await survey(admin, pulse);
    customerSurveyId = await survey(admin, { name: 'Customers' });
    draftSurveyId = await survey(admin, pulse, false);
    const other = await createOrganization(db);
    const stranger = await createPerson(db, other.id, { roles: ['admin'] });
    foreignSurveyId = await survey(await signInAs(t.app, stranger.email), pulse);
  });
  afterAll(() => t.close());

  it('creates a program with defaults and shows it with its survey', async () => {
    const res = await create({ name: 'Monthly pulse', surveyId: pulseSurveyId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Monthly pulse',
      surveyId: pulseSurveyId,
      surveyName: 'Team pulse',
      kind: 'employee_pulse',
      cadence: 'monthly',
      populationUnitId: null,
      openDays: 14,
      reminderAfterDays: 5,
      status: 'active',
    });
    const got = await manager.request('GET', `/api/v1/pulse-programs/${res.json().id}`);
    expect(got.json()).toEqual(res.json());
    const list = await manager.request('GET', '/api/v1/pulse-programs');
    expect(list.json().items.map((p: { id: string }) => p.id)).toContain(res.json().id);
  });

  it('rejects a survey that is not a published employee survey of this organization', async () => {
    for (const surveyId of [customerSurveyId, draftSurveyId, foreignSurveyId]) {
      const res = await create({ name: 'P', surveyId });
      expect(res.statusCode, surveyId).toBe(422);
      expect(firstError(res).field).toBe('body.surveyId');
    }
  });

  it('rejects a population unit that is not a unit of this organization', async () => {
    const res = await create({
      name: 'P',
      surveyId: pulseSurveyId,
      populationUnitId: crypto.randomUUID(),
    });
    expect(res.statusCode).toBe(422);
    expect(firstError(res).field).toBe('body.populationUnitId');
    const ok = await create({ name: 'P', surveyId: pulseSurveyId, populationUnitId: unitId });
    expect(ok.json().populationUnitId).toBe(unitId);
  });

  it('names each bad field of the body', async () => {
    const cases: [object, string][] = [
      [{ surveyId: pulseSurveyId }, 'body.name'],
      [{ name: 'P', surveyId: 'nope' }, 'body.surveyId'],
      [{ name: 'P', surveyId: pulseSurveyId, cadence: 'weekly' }, 'body.cadence'],
      [{ name: 'P', surveyId: pulseSurveyId, openDays: 0 }, 'body.openDays'],
      [
        { name: 'P', surveyId: pulseSurveyId, openDays: 5, reminderAfterDays: 5 },
        'body.reminderAfterDays',
      ],
      [{ name: 'P', surveyId: pulseSurveyId, color: 'red' }, 'body.color'],
    ];
    for (const [body, field] of cases) {
      const res = await create(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(
        res
          .json()
          .errors.map((e: { field: string }) => e.field)
          .join(' '),
        field,
      ).toContain(field);
    }
  });

  it('updates name, timing and status, keeping the reminder before the close', async () => {
    const { id } = (await create({ name: 'P', surveyId: pulseSurveyId })).json();
    const url = `/api/v1/pulse-programs/${id}`;
    const patched = await admin.request('PATCH', url, { name: 'Renamed', status: 'paused' });
    expect(patched.json()).toMatchObject({ name: 'Renamed', status: 'paused', openDays: 14 });
    const late = await admin.request('PATCH', url, { reminderAfterDays: 14 });
    expect(late.statusCode).toBe(422);
    expect(firstError(late).field).toBe('body.reminderAfterDays');
    const short = await admin.request('PATCH', url, { openDays: 3 });
    expect(short.statusCode).toBe(422);
    expect(firstError(short).field).toBe('body.openDays');
    const both = await admin.request('PATCH', url, { openDays: 3, reminderAfterDays: null });
    expect(both.json()).toMatchObject({ openDays: 3, reminderAfterDays: null });
  });

  it('answers 404 for a program id of another organization or none', async () => {
    const res = await admin.request('GET', `/api/v1/pulse-programs/${crypto.randomUUID()}`);
    expect(res.statusCode).toBe(404);
  });

  it('lets managers read programs but not create them', async () => {
    const res = await manager.request('POST', '/api/v1/pulse-programs', {
      name: 'P',
      surveyId: pulseSurveyId,
    });
    expect(res.statusCode).toBe(403);
  });
});
