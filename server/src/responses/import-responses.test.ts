import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responses } from '../db/schema/index.ts';
import {
  createOrganization,
  createPerson,
  createSurveyWithVersion,
  createUnit,
} from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';

describe.each(databaseKinds)('CSV import of historical responses on %s', (kind) => {
  let t: TestApp;
  let admin: SignedIn;
  let orgId: string;
  let surveyId: string;
  let unitExt: string;
  let personExt: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const org = await createOrganization(db);
    orgId = org.id;
    const unit = await createUnit(db, org.id);
    unitExt = unit.externalId;
    const person = await createPerson(db, org.id, { roles: ['admin'], unitId: unit.id });
    personExt = person.externalId;
    admin = await signInAs(t.app, person.email);
    surveyId = (await createSurveyWithVersion(db, org.id)).survey.id;
  });
  afterAll(() => t.close());

  const upload = (text: string, version = 1) =>
    admin.request(
      'POST',
      `/api/v1/imports/responses?surveyId=${surveyId}&version=${version}`,
      text,
      {
        'content-type': 'text/csv',
      },
    );
  const header =
    'submission_id,submitted_at,unit_external_id,employee_external_id,language,result,sat,nps,late,thanks,comment';
  const count = async () =>
    (await t.database.db.select().from(responses).where(eq(responses.orgId, orgId))).length;

  it('imports rows with typed answers and is idempotent by submission_id', async () => {
    const csv = [
      header,
      `H-1,2025-06-01,${unitExt},${personExt},es,4,5,10,no,${personExt},Muy bien`,
      `H-2,2025-06-02T09:30:00Z,${unitExt},,en,2,2,3,yes,,"Slow, and late"`,
    ].join('\n');
    const res = await upload(csv);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 2, unchanged: 0 });
    expect((await upload(csv)).json()).toEqual({ created: 0, unchanged: 2 });
    const [row] = await t.database.db
      .select()
      .from(responses)
      .where(eq(responses.submissionId, 'H-2'));
    expect(row).toMatchObject({ source: 'import', nps: 3, promiseBroken: true });
    expect(row!.comment).toBe('Slow, and late');
    expect(row!.submittedAt!.toISOString()).toBe('2025-06-02T09:30:00.000Z');
  });

  it('reports every bad row with line and column and stores nothing', async () => {
    const before = await count();
    const csv = [
      header,
      `H-10,2025-06-01,${unitExt},,en,4,5,10,no,,ok`,
      `H-11,yesterday,${unitExt},,en,4,5,12,no,,ok`,
      `H-12,2025-06-01,NOPE,,fr,four,5,9,maybe,ghost,ok`,
      `H-10,2025-06-01,${unitExt},,en,4,5,10,no,,ok`,
    ].join('\n');
    const res = await upload(csv);
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as Array<{ line: number; column: string }>;
    const located = errors.map((e) => `${e.line}:${e.column}`).sort();
    expect(located).toEqual(
      [
        '3:submitted_at',
        '3:nps',
        '4:language',
        '4:result',
        '4:late',
        '4:thanks',
        '4:unit_external_id',
        '5:submission_id',
      ].sort(),
    );
    expect(errors.find((e) => e.column === 'nps')).toMatchObject({
      message: 'must be from 0 to 10, got 12',
    });
    expect(await count()).toBe(before);
  });

  it('rejects an unknown column in the header', async () => {
    const res = await upload('submission_id,nps,mystery\nH-20,9,x');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ line: 1, column: 'mystery' });
  });

  it('answers 404 naming an unknown survey version', async () => {
    const res = await upload('submission_id,nps\nH-30,9', 4);
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toBe(`survey ${surveyId} has no version 4`);
  });
});
