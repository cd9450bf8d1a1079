import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, people, supportEdges, units } from '../db/schema/index.ts';
import { createOrganization, createPerson } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';

const unitsCsv = [
  'external_id,name,level,kind,parent_external_id,manager_email',
  'T1,Team One,team,front_line,B1,',
  'R1,Region North,region,front_line,,',
  'B1,Branch Oslo,branch,front_line,R1,boss@example.test',
  'IT,IT Support,team,back_office,R1,',
].join('\n');
const peopleCsv = [
  'external_id,name,email,unit_external_id,roles,hire_date,exit_date,pay_band',
  'P1,Ann Able,ann@example.test,T1,employee,2023-01-02,,B2',
  'P2,Ben Best,ben@example.test,B1,manager;employee,2020-05-06,,B5',
  'P3,Cy Clerk,cy@example.test,IT,,2021-07-08,2024-01-31,',
].join('\n');
const edgesCsv = ['from_external_id,to_external_id', 'IT,T1', 'IT,B1'].join('\n');

describe.each(databaseKinds)('CSV import and export on %s', (kind) => {
  let t: TestApp;
  let orgId: string;
  let admin: SignedIn;
  let analyst: SignedIn;

  const post = (who: SignedIn, path: string, body: string | Buffer) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${path}`,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'content-type': 'text/csv' },
      payload: body,
    });
  const counts = async (org = orgId) => {
    const db = t.database.db;
    const n = async (table: typeof units | typeof people | typeof supportEdges) =>
      Number((await db.select({ n: count() }).from(table).where(eq(table.orgId, org)))[0]!.n);
    return { units: await n(units), people: await n(people), edges: await n(supportEdges) };
  };
  const expectRejected = async (
    path: string,
    body: string | Buffer,
    error: { line: number; column?: string; message?: RegExp },
  ) => {
    const before = await counts();
    const res = await post(admin, path, body);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const match = res
      .json()
      .errors.find(
        (e: { line: number; column?: string; message: string }) =>
          e.line === error.line &&
          (error.column === undefined || e.column === error.column) &&
          (error.message === undefined || error.message.test(e.message)),
      );
    expect(match, JSON.stringify(res.json().errors)).toBeTruthy();
    expect(await counts()).toEqual(before);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    orgId = (await createOrganization(db)).id;
    const a = await createPerson(db, orgId, { roles: ['admin'], email: 'boss@example.test' });
    const b = await createPerson(db, orgId, { roles: ['analyst'] });
    admin = await signInAs(t.app, a.email);
    analyst = await signInAs(t.app, b.email);
  });
  afterAll(() => t.close());

  it('imports units, people and support edges in one go each', async () => {
    const u = await post(admin, 'units', unitsCsv);
    expect(u.statusCode).toBe(200);
    expect(u.json()).toEqual({ created: 4, updated: 0, unchanged: 0 });
    const p = await post(admin, 'people', peopleCsv);
    expect(p.json()).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const e = await post(admin, 'support-edges', edgesCsv);
    expect(e.json()).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const tree = await admin.request('GET', '/api/v1/units/tree');
    const byName = Object.fromEntries(tree.json().units.map((x: { name: string }) => [x.name, x]));
    expect(byName['Team One'].parentId).toBe(byName['Branch Oslo'].id);
    expect(byName['Branch Oslo'].manager.name).toBeTruthy();
    expect(tree.json().supportEdges).toHaveLength(2);
  });

  it('writes one audit row per import', async () => {
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.orgId, orgId));
    expect(rows.filter((r) => r.action === 'import.units')).toHaveLength(1);
  });

  it('reports unchanged rows on a re-import and counts real changes as updated', async () => {
    expect((await post(admin, 'units', unitsCsv)).json()).toEqual({
      created: 0,
      updated: 0,
      unchanged: 4,
    });
    const changed = peopleCsv.replace('Ann Able', 'Ann Able-Baker');
    expect((await post(admin, 'people', changed)).json()).toEqual({
      created: 0,
      updated: 1,
      unchanged: 2,
    });
    expect((await post(admin, 'support-edges', edgesCsv)).json()).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
  });

  it('accepts a byte order mark and Windows line endings', async () => {
    const res = await post(admin, 'units', `\uFEFF${unitsCsv.replaceAll('\n', '\r\n')}`);
    expect(res.json()).toMatchObject({ unchanged: 4 });
  });

  it('rejects bytes that are not UTF-8 at their line and column', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('external_id,name,level,kind\nX1,Caf'),
      Buffer.from([0xe9]),
      Buffer.from(',team,front_line\n'),
    ]);
    await expectRejected('units', latin1, { line: 2, column: 'name', message: /UTF-8/ });
  });

  it('names missing required columns', async () => {
    await expectRejected('units', 'external_id,name\nX1,Y', {
      line: 1,
      column: 'level,kind',
      message: /level, kind/,
    });
  });

  it('rejects unknown columns', async () => {
    await expectRejected('units', 'external_id,name,level,kind,colour\nX1,Y,team,front_line,red', {
      line: 1,
      column: 'colour',
    });
  });

  it('rejects a duplicate external id at its second line', async () => {
    const csv =
      'external_id,name,level,kind\nD1,A,team,front_line\nD2,B,team,front_line\nD1,C,team,front_line';
    await expectRejected('units', csv, { line: 4, column: 'external_id', message: /line 2/ });
  });

  it('rejects a cycle within the file', async () => {
    const csv = [
      'external_id,name,level,kind,parent_external_id',
      'C1,A,team,front_line,C2',
      'C2,B,team,front_line,C1',
    ].join('\n');
    await expectRejected('units', csv, { line: 2, column: 'parent_external_id', message: /cycle/ });
  });

  it('rejects a cycle through existing units', async () => {
    const csv =
      'external_id,name,level,kind,parent_external_id\nR1,Region North,region,front_line,T1';
    await expectRejected('units', csv, { line: 2, column: 'parent_external_id', message: /cycle/ });
  });

  it('rejects an unknown parent external id', async () => {
    const csv = 'external_id,name,level,kind,parent_external_id\nX1,A,team,front_line,NOPE';
    await expectRejected('units', csv, { line: 2, column: 'parent_external_id' });
  });

  it('rejects an unknown manager e-mail', async () => {
    const csv =
      'external_id,name,level,kind,manager_email\nX1,A,team,front_line,ghost@example.test';
    await expectRejected('units', csv, {
      line: 2,
      column: 'manager_email',
      message: /people first/,
    });
  });

  it('rejects an unknown kind', async () => {
    const csv = 'external_id,name,level,kind\nX1,A,team,middle';
    await expectRejected('units', csv, { line: 2, column: 'kind' });
  });

  it('rejects an unknown unit for a person', async () => {
    const csv = 'external_id,name,email,unit_external_id\nPX,A,a@example.test,NOPE';
    await expectRejected('people', csv, { line: 2, column: 'unit_external_id' });
  });

  it('rejects bad dates with the line number counted across quoted line breaks', async () => {
    const csv = [
      'external_id,name,email,hire_date',
      'PX,"Multi',
      'line",px@example.test,2024-01-01',
      'PY,B,py@example.test,2024-02-30',
    ].join('\n');
    await expectRejected('people', csv, { line: 4, column: 'hire_date' });
  });

  it('rejects unknown roles', async () => {
    const csv = 'external_id,name,email,roles\nPX,A,a@example.test,employee;overlord';
    await expectRejected('people', csv, { line: 2, column: 'roles', message: /overlord/ });
  });

  it('rejects names longer than 200 characters', async () => {
    const csv = `external_id,name,email\nPX,${'x'.repeat(201)},a@example.test`;
    await expectRejected('people', csv, { line: 2, column: 'name', message: /200/ });
  });

  it('rejects a support edge from a front-line unit', async () => {
    await expectRejected('support-edges', 'from_external_id,to_external_id\nT1,B1', {
      line: 2,
      column: 'from_external_id',
    });
  });

  it('stores SQL-looking text verbatim and never executes it', async () => {
    const evil = "Robert'); DROP TABLE people;--";
    const csv = `external_id,name,email\nSQL1,"${evil}",bobby@example.test`;
    expect((await post(admin, 'people', csv)).statusCode).toBe(200);
    const found = await admin.request('GET', '/api/v1/people?q=DROP%20TABLE');
    expect(found.json().items[0].name).toBe(evil);
  });

  it('refuses imports from an analyst with 403', async () => {
    expect((await post(analyst, 'units', unitsCsv)).statusCode).toBe(403);
  });

  it('round-trips export into import unchanged, and into a new organization', async () => {
    const files: Record<string, string> = {};
    for (const file of ['units', 'people', 'support-edges']) {
      const res = await analyst.request('GET', `/api/v1/exports/${file}.csv`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      files[file] = res.body;
      const again = await post(admin, file, res.body);
      expect(again.json().created + again.json().updated).toBe(0);
    }
    const other = await createOrganization(t.database.db);
    const otherAdmin = await createPerson(t.database.db, other.id, {
      roles: ['admin'],
      email: 'boss@example.test'.replace('boss', 'boss2'),
    });
    const client = await signInAs(t.app, otherAdmin.email);
    const withoutManagers = files.units!.replace(/boss@example\.test/g, '');
    expect((await post(client, 'units', withoutManagers)).json().created).toBe(4);
    expect((await post(client, 'people', files.people!)).json().created).toBe(
      (await counts()).people,
    );
    expect((await post(client, 'support-edges', files['support-edges']!)).json().created).toBe(2);
  });

  it('imports 10,000 people in seconds', async () => {
    const lines = ['external_id,name,email,unit_external_id,roles,hire_date'];
    for (let i = 0; i < 10_000; i++) {
      lines.push(`BULK${i},Person ${i},bulk${i}@example.test,T1,employee,2022-03-04`);
    }
    const started = Date.now();
    const res = await post(admin, 'people', lines.join('\n'));
    expect(res.json()).toMatchObject({ created: 10_000 });
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
