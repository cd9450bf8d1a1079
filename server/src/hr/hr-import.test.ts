import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, people } from '../db/schema/index.ts';
import { createOrganization, createPerson, createUnit } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';

interface RowProblem {
  line: number;
  column?: string;
  message: string;
}

describe.each(databaseKinds)('HR fact import on %s', (kind) => {
  let t: TestApp;
  let orgId: string;
  let admin: SignedIn;
  let analyst: SignedIn;

  const post = (who: SignedIn, path: string, body: string | Buffer) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/hr/imports/${path}`,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'content-type': 'text/csv' },
      payload: body,
    });
  const facts = async () =>
    (
      await t.database.db
        .select({
          id: people.externalId,
          exitDate: people.exitDate,
          exitReason: people.exitReason,
          payBand: people.payBand,
        })
        .from(people)
        .where(eq(people.orgId, orgId))
    ).sort((a, b) => a.id.localeCompare(b.id));
  const expectRejected = async (path: string, body: string | Buffer, expected: RowProblem[]) => {
    const before = await facts();
    const res = await post(admin, path, body);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const errors = res.json().errors as RowProblem[];
    for (const e of expected) {
      const found = errors.find(
        (x) => x.line === e.line && x.column === e.column && x.message.includes(e.message),
      );
      expect(found, `${JSON.stringify(e)} in ${JSON.stringify(errors)}`).toBeTruthy();
    }
    expect(await facts()).toEqual(before);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    orgId = (await createOrganization(db)).id;
    const unit = await createUnit(db, orgId);
    const a = await createPerson(db, orgId, { roles: ['admin'], externalId: 'ADM' });
    const b = await createPerson(db, orgId, { roles: ['analyst'], externalId: 'ANA' });
    for (const [externalId, hireDate] of [
      ['E1', '2020-01-01'],
      ['E2', '2022-06-01'],
      ['E3', '2024-03-01'],
    ] as const) {
      await createPerson(db, orgId, {
        externalId,
        email: `${externalId.toLowerCase()}@hr.example.test`,
        unitId: unit.id,
        hireDate,
      });
    }
    admin = await signInAs(t.app, a.email);
    analyst = await signInAs(t.app, b.email);
  });
  afterAll(() => t.close());

  it('imports exits by external id or e-mail, with one audit row', async () => {
    const csv = [
      'person_external_id,email,exit_date,reason',
      'E1,,2025-02-10,voluntary',
      ',E2@HR.example.test,2025-03-31,involuntary',
    ].join('\n');
    const res = await post(admin, 'exits', csv);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const byId = new Map((await facts()).map((f) => [f.id, f]));
    expect(byId.get('E1')).toMatchObject({ exitDate: '2025-02-10', exitReason: 'voluntary' });
    expect(byId.get('E2')).toMatchObject({ exitDate: '2025-03-31', exitReason: 'involuntary' });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, 'hr.import.exits')));
    expect(audits).toHaveLength(1);
  });

  it('changes nothing when the same file is imported again', async () => {
    const csv = [
      'person_external_id,exit_date,reason',
      'E1,2025-02-10,voluntary',
      'E2,2025-03-31,involuntary',
      'E3,,',
    ].join('\n');
    const before = await facts();
    const res = await post(admin, 'exits', csv);
    expect(res.json()).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await facts()).toEqual(before);
  });

  it('clears an exit when exit_date and reason are empty (a rehire)', async () => {
    const res = await post(admin, 'exits', 'person_external_id,exit_date,reason\nE2,,\n');
    expect(res.json()).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const e2 = (await facts()).find((f) => f.id === 'E2');
    expect(e2).toMatchObject({ exitDate: null, exitReason: null });
  });

  it('reports every bad row with its line and column and writes nothing', async () => {
    const csv = [
      'person_external_id,exit_date,reason',
      'E3,2025-01-31,voluntary',
      'NOBODY,2025-01-31,voluntary',
      'E1,2025-02-30,voluntary',
      'E2,2019-12-31,other',
      'E3,2025-05-01,retired',
      'ANA,2025-05-01,',
      'ADM,,voluntary',
    ].join('\n');
    await expectRejected('exits', csv, [
      { line: 3, column: 'person_external_id', message: "no person with external id 'NOBODY'" },
      { line: 4, column: 'exit_date', message: 'is not a date' },
      { line: 5, column: 'exit_date', message: 'is before the hire date 2022-06-01' },
      { line: 6, column: undefined, message: 'names the same person as line 2' },
      { line: 7, column: 'reason', message: 'is required' },
      { line: 8, column: 'reason', message: 'must be empty when exit_date is empty' },
    ]);
    await expectRejected('exits', 'person_external_id,exit_date,reason\nE3,2025-01-31,retired', [
      { line: 2, column: 'reason', message: "'retired' is not one of voluntary" },
    ]);
  });

  it('rejects a file with missing, unknown or unusable columns', async () => {
    await expectRejected('exits', 'person_external_id,exit_date\nE3,2025-01-31', [
      { line: 1, column: 'reason', message: 'missing required column' },
    ]);
    await expectRejected('exits', 'exit_date,reason\n2025-01-31,other', [
      { line: 1, column: 'person_external_id,email', message: 'person_external_id or email' },
    ]);
    await expectRejected('pay-bands', 'person_external_id,pay_band,salary\nE3,B2,1000', [
      { line: 1, column: 'salary', message: "unknown column 'salary'" },
    ]);
    await expectRejected(
      'pay-bands',
      'person_external_id,email,pay_band\nE3,e1@hr.example.test,B2',
      [{ line: 2, column: 'email', message: "belongs to person 'E1'" }],
    );
  });

  it('rejects bytes that are not UTF-8', async () => {
    const bad = Buffer.concat([
      Buffer.from('person_external_id,pay_band\nE3,B'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\n'),
    ]);
    await expectRejected('pay-bands', bad, [
      { line: 2, column: 'pay_band', message: 'not valid UTF-8' },
    ]);
  });

  it('imports pay bands idempotently and clears a band given empty', async () => {
    const csv = 'email,pay_band\ne1@hr.example.test,B4\ne3@hr.example.test,B2\n';
    expect((await post(admin, 'pay-bands', csv)).json()).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect((await post(admin, 'pay-bands', csv)).json()).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    const cleared = await post(admin, 'pay-bands', 'person_external_id,pay_band\nE1,\nE3,B3\n');
    expect(cleared.json()).toEqual({ created: 0, updated: 2, unchanged: 0 });
    const byId = new Map((await facts()).map((f) => [f.id, f.payBand]));
    expect([byId.get('E1'), byId.get('E3')]).toEqual([null, 'B3']);
  });

  it('names the same person twice in a file as an error, whichever column named them', async () => {
    await expectRejected(
      'pay-bands',
      'person_external_id,email,pay_band\nE3,,B1\n,e3@hr.example.test,B2',
      [{ line: 3, column: undefined, message: 'names the same person as line 2' }],
    );
  });

  it('lets only admins import HR facts', async () => {
    const res = await post(analyst, 'pay-bands', 'person_external_id,pay_band\nE3,B9\n');
    expect(res.statusCode).toBe(403);
    const unknownKind = await post(admin, 'salaries', 'person_external_id,pay_band\nE3,B9\n');
    expect(unknownKind.statusCode).toBe(422);
  });
});
