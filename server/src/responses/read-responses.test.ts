import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganization,
  createPerson,
  createResponse,
  createSurveyWithVersion,
  createUnit,
  customerValueAnswers,
} from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';

interface Summary {
  id: string;
  npsCategory: string;
  unit: { id: string } | null;
}

describe.each(databaseKinds)('reading and exporting responses on %s', (kind) => {
  let t: TestApp;
  let analyst: SignedIn;
  let manager: SignedIn;
  let employee: SignedIn;
  let otherAdmin: SignedIn;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const org = await createOrganization(db);
    const region = await createUnit(db, org.id, { level: 'region' });
    const branch = await createUnit(db, org.id, { parentId: region.id });
    const elsewhere = await createUnit(db, org.id);
    const clerk = await createPerson(db, org.id, { unitId: branch.id });
    const boss = await createPerson(db, org.id, { roles: ['manager'], unitId: region.id });
    const { version } = await createSurveyWithVersion(db, org.id);
    const at = (day: number) => new Date(Date.UTC(2026, 2, day, 12));
    // Five responses in the region (one per day 1–5) and two elsewhere (days 6, 7).
    for (let d = 1; d <= 5; d++) {
      const r = await createResponse(db, version, {
        unitId: branch.id,
        employeeId: d <= 2 ? clerk.id : null,
        submittedAt: at(d),
        answers: customerValueAnswers({ nps: d <= 3 ? 10 : 3, thanks: [clerk.id] }),
      });
      ids[`region${d}`] = r.id;
    }
    for (const d of [6, 7]) {
      const r = await createResponse(db, version, { unitId: elsewhere.id, submittedAt: at(d) });
      ids[`elsewhere${d}`] = r.id;
    }
    Object.assign(ids, {
      region: region.id,
      elsewhere: elsewhere.id,
      clerk: clerk.id,
      surveyId: version.surveyId,
    });
    const a = await createPerson(db, org.id, { roles: ['analyst'] });
    const e = await createPerson(db, org.id, { roles: ['employee'], unitId: branch.id });
    analyst = await signInAs(t.app, a.email);
    manager = await signInAs(t.app, boss.email);
    employee = await signInAs(t.app, e.email);
    const other = await createOrganization(db);
    otherAdmin = await signInAs(
      t.app,
      (await createPerson(db, other.id, { roles: ['admin'] })).email,
    );
  });
  afterAll(() => t.close());

  const list = async (who: SignedIn, query: string) => {
    const res = await who.request('GET', `/api/v1/responses?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Summary[]; nextCursor: string | null };
  };

  it('lists responses newest first across the organization for an analyst', async () => {
    const page = await list(analyst, '');
    expect(page.items.map((i) => i.id)).toEqual([
      ids.elsewhere7,
      ids.elsewhere6,
      ids.region5,
      ids.region4,
      ids.region3,
      ids.region2,
      ids.region1,
    ]);
  });

  it('pages with a keyset cursor without repeating or skipping a response', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(analyst, `limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('filters by unit subtree, employee, dates, NPS category and survey version', async () => {
    const byUnit = await list(analyst, `unitId=${ids.region}`);
    expect(byUnit.items).toHaveLength(5);
    expect((await list(analyst, `employeeId=${ids.clerk}`)).items).toHaveLength(2);
    const dated = await list(analyst, 'from=2026-03-02&to=2026-03-04');
    expect(dated.items.map((i) => i.id)).toEqual([ids.region4, ids.region3, ids.region2]);
    const detractors = await list(analyst, 'npsCategory=detractor');
    expect(detractors.items.map((i) => i.id)).toEqual([ids.region5, ids.region4]);
    expect((await list(analyst, `surveyId=${ids.surveyId}&version=1`)).items).toHaveLength(7);
    expect((await list(analyst, `surveyId=${ids.surveyId}&version=2`)).items).toHaveLength(0);
    expect((await list(analyst, 'flagged=true')).items).toHaveLength(0);
  });

  it('filters by a CVI band', async () => {
    const all = await list(analyst, 'cviMin=0&cviMax=100');
    expect(all.items).toHaveLength(7);
    expect((await list(analyst, 'cviMin=99')).items).toHaveLength(0);
  });

  it('shows a manager only the responses of their unit subtree', async () => {
    const page = await list(manager, '');
    expect(page.items.map((i) => i.id).sort()).toEqual(
      [ids.region1, ids.region2, ids.region3, ids.region4, ids.region5].sort(),
    );
  });

  it('answers 403 to a manager asking for a response outside their units', async () => {
    const res = await manager.request('GET', `/api/v1/responses/${ids.elsewhere6}`);
    expect(res.statusCode).toBe(403);
  });

  it('answers 403 to an employee and 404 to another organization', async () => {
    expect((await employee.request('GET', '/api/v1/responses')).statusCode).toBe(403);
    const res = await otherAdmin.request('GET', `/api/v1/responses/${ids.region1}`);
    expect(res.statusCode).toBe(404);
  });

  it('shows a response with question texts, scores and the thanked employee', async () => {
    const res = await manager.request('GET', `/api/v1/responses/${ids.region1}`);
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail.npsCategory).toBe('promoter');
    expect(detail.itemScores.nps).toBe(100);
    const nps = detail.answers.find((a: { questionId: string }) => a.questionId === 'nps');
    expect(nps).toMatchObject({ type: 'nps', value: 10 });
    expect(nps.text.length).toBeGreaterThan(5);
    expect(detail.thanked).toEqual([{ id: ids.clerk, name: expect.any(String) }]);
    expect(detail.employee.id).toBe(ids.clerk);
    expect(JSON.stringify(detail)).not.toContain('@');
  });

  it('exports the filtered responses as CSV that parses back', async () => {
    const res = await analyst.request('GET', '/api/v1/exports/responses.csv?npsCategory=promoter');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = parse(res.body, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.id).sort()).toEqual(
      [ids.region1, ids.region2, ids.region3, ids.elsewhere6, ids.elsewhere7].sort(),
    );
    expect(Object.keys(rows[0]!).slice(0, 12)).toEqual([
      'id',
      'submitted_at',
      'survey',
      'version',
      'unit',
      'employee',
      'cvi',
      'nps',
      'nps_category',
      'csat',
      'effort',
      'comment',
    ]);
    const first = rows.find((r) => r.id === ids.region1)!;
    expect(first).toMatchObject({ nps: '10', nps_category: 'promoter', thanks: ids.clerk });
  });

  it('exports the filtered responses as an XLSX workbook', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exports/responses.xlsx?unitId=${ids.elsewhere}`,
      headers: { cookie: analyst.cookie },
    });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('responses')!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).getCell(1).value).toBe('id');
    const exported = [sheet.getRow(2).getCell(1).value, sheet.getRow(3).getCell(1).value];
    expect(exported).toEqual([ids.elsewhere7, ids.elsewhere6]);
  });

  it('answers 403 to a manager asking for an export', async () => {
    const res = await manager.request('GET', '/api/v1/exports/responses.csv');
    expect(res.statusCode).toBe(403);
  });
});
