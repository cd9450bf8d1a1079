import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createPerson } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';

describe.each(databaseKinds)('surveys on %s', (kind) => {
  let t: TestApp;
  let analyst: SignedIn;
  let employee: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const org = await createOrganization(t.database.db);
    analyst = await signInAs(
      t.app,
      (await createPerson(t.database.db, org.id, { roles: ['analyst'] })).email,
    );
    employee = await signInAs(t.app, (await createPerson(t.database.db, org.id)).email);
  });
  afterAll(() => t.close());

  const create = () =>
    analyst.request('POST', '/api/v1/surveys', {
      name: 'After a branch visit',
      template: 'customer_value',
    });

  it('creates a survey from the customer value template with coded items in two languages', async () => {
    const res = await create();
    expect(res.statusCode).toBe(201);
    const survey = res.json();
    expect(survey.status).toBe('draft');
    expect(survey.currentVersion).toBeNull();
    expect(survey.draft.languages).toEqual(['en', 'es']);
    const codes = survey.draft.questions.map((q: { construct?: string }) => q.construct);
    expect(codes).toEqual(
      expect.arrayContaining(['cv.result', 'cv.price', 'cv.promise', 'nps', 'sat', 'thanks']),
    );
  });

  it('numbers versions on publish and keeps each version unchanged after later edits', async () => {
    const survey = (await create()).json();
    const v1 = await analyst.request('POST', `/api/v1/surveys/${survey.id}/publish`);
    expect(v1.statusCode).toBe(201);
    expect(v1.json().version).toBe(1);
    const draft = structuredClone(survey.draft);
    draft.questions[0].text = { en: 'I got what I came for', es: 'Obtuve lo que buscaba' };
    expect(
      (await analyst.request('PATCH', `/api/v1/surveys/${survey.id}`, { draft })).statusCode,
    ).toBe(200);
    const v2 = await analyst.request('POST', `/api/v1/surveys/${survey.id}/publish`);
    expect(v2.json().version).toBe(2);
    const first = await analyst.request('GET', `/api/v1/surveys/${survey.id}/versions/1`);
    expect(first.json().definition.questions[0].text.en).toBe('I got the result I came for');
    const current = await analyst.request('GET', `/api/v1/surveys/${survey.id}`);
    expect(current.json().currentVersion.version).toBe(2);
  });

  it('rejects a draft with a duplicate question id, naming the field', async () => {
    const survey = (await create()).json();
    const draft = structuredClone(survey.draft);
    draft.questions[1].id = draft.questions[0].id;
    const res = await analyst.request('PATCH', `/api/v1/surveys/${survey.id}`, { draft });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toContainEqual({
      field: 'body.draft.questions.1.id',
      message: "'result' is used twice",
    });
  });

  it('rejects a show-if that points at a later question', async () => {
    const survey = (await create()).json();
    const draft = structuredClone(survey.draft);
    draft.questions[0].showIf = { questionId: 'nps', op: 'lte', value: 6 };
    const res = await analyst.request('PATCH', `/api/v1/surveys/${survey.id}`, { draft });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('body.draft.questions.0.showIf.questionId');
  });

  it('refuses a Spanish survey whose question lacks Spanish text', async () => {
    const survey = (await create()).json();
    const draft = structuredClone(survey.draft);
    draft.questions[2].text = { en: 'Only English' };
    const res = await analyst.request('PATCH', `/api/v1/surveys/${survey.id}`, { draft });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'body.draft.questions.2.text.es' });
  });

  it('answers 404 for an unknown version and 403 for an employee', async () => {
    const survey = (await create()).json();
    expect(
      (await analyst.request('GET', `/api/v1/surveys/${survey.id}/versions/9`)).statusCode,
    ).toBe(404);
    expect((await employee.request('GET', '/api/v1/surveys')).statusCode).toBe(403);
  });
});
