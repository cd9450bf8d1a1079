import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../db/schema/index.ts';
import { createOrganization, createPerson, createUnit } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';

type Cell =
  | { status: 'shown'; headcount: number; exits: number; retention: number }
  | { status: 'suppressed' };
interface Row {
  unitId: string;
  period: string;
  cell: Cell;
}

/**
 * A hand-built organization: region R with teams A and B. A has 6 people from 2024 (one exits
 * on 2025-02-10, one on 2025-03-01) and one newcomer hired 2025-02-15; B has 3 people plus its
 * manager (4: below k = 5).
 */
describe.each(databaseKinds)('Retention on %s', (kind) => {
  let t: TestApp;
  let orgId: string;
  let ids: { r: string; a: string; b: string };
  let analyst: SignedIn;
  let managerB: SignedIn;
  let employee: SignedIn;
  let otherUnitId: string;

  const get = (who: SignedIn, query: string) => who.request('GET', `/api/v1/hr/retention?${query}`);
  const cellsOf = (rows: Row[], unitId: string) =>
    rows.filter((r) => r.unitId === unitId).map((r): [string, Cell] => [r.period, r.cell]);

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    orgId = (await createOrganization(db)).id;
    const r = await createUnit(db, orgId, { name: 'Region', level: 'region' });
    const a = await createUnit(db, orgId, { name: 'Team A', parentId: r.id });
    const b = await createUnit(db, orgId, { name: 'Team B', parentId: r.id });
    ids = { r: r.id, a: a.id, b: b.id };
    const exits = ['2025-02-10', '2025-03-01', null, null, null, null];
    for (const exitDate of exits) {
      await createPerson(db, orgId, { unitId: a.id, hireDate: '2024-01-01', exitDate });
    }
    await createPerson(db, orgId, { unitId: a.id, hireDate: '2025-02-15' });
    for (let i = 0; i < 3; i++) await createPerson(db, orgId, { unitId: b.id, hireDate: null });
    const boss = await createPerson(db, orgId, {
      unitId: b.id,
      roles: ['manager'],
      hireDate: '2023-05-01',
    });
    const an = await createPerson(db, orgId, { roles: ['analyst'] });
    const emp = await createPerson(db, orgId, { roles: ['employee'], unitId: b.id });
    analyst = await signInAs(t.app, an.email);
    managerB = await signInAs(t.app, boss.email);
    employee = await signInAs(t.app, emp.email);
    const other = await createOrganization(db);
    otherUnitId = (await createUnit(db, other.id)).id;
  });
  afterAll(() => t.close());

  it('counts headcount at the month start and exits during the month, per subtree', async () => {
    const res = await get(analyst, 'from=2025-01&to=2025-03');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { from: string; to: string; rows: Row[] };
    expect([body.from, body.to]).toEqual(['2025-01', '2025-03']);
    expect(cellsOf(body.rows, ids.a)).toEqual([
      ['2025-01', { status: 'shown', headcount: 6, exits: 0, retention: 1 }],
      ['2025-02', { status: 'shown', headcount: 6, exits: 1, retention: 1 - 1 / 6 }],
      ['2025-03', { status: 'shown', headcount: 6, exits: 1, retention: 1 - 1 / 6 }],
    ]);
    // The region counts both teams; B's 4 people (plus the employee who signs in: 5) are in it.
    expect(cellsOf(body.rows, ids.r)).toEqual([
      ['2025-01', { status: 'shown', headcount: 11, exits: 0, retention: 1 }],
      ['2025-02', { status: 'shown', headcount: 11, exits: 1, retention: 1 - 1 / 11 }],
      ['2025-03', { status: 'shown', headcount: 11, exits: 1, retention: 1 - 1 / 11 }],
    ]);
    // Units come in tree order: the region, then its teams by name.
    expect([...new Set(body.rows.map((row) => row.unitId))]).toEqual([ids.r, ids.a, ids.b]);
  });

  it('suppresses a unit below k, and a cell that would give it away by subtraction', async () => {
    const db = t.database.db;
    await db.update(organizations).set({ minGroupSize: 6 }).where(eq(organizations.id, orgId));
    try {
      const rows = (await get(analyst, 'from=2025-01&to=2025-01')).json().rows as Row[];
      expect(cellsOf(rows, ids.b)).toEqual([['2025-01', { status: 'suppressed' }]]);
      expect(JSON.stringify(rows.find((r) => r.unitId === ids.b))).not.toMatch(/headcount|exits/);
      // Region = A + B: showing both the region and A would reveal B (5 people) by subtraction.
      const shown = [ids.r, ids.a].filter((id) => cellsOf(rows, id)[0]![1].status === 'shown');
      expect(shown.length).toBeLessThanOrEqual(1);
      // A manager asking only for their part sees the same decisions (one family for all).
      const scoped = (await get(analyst, `from=2025-01&to=2025-01&unitId=${ids.a}`)).json()
        .rows as Row[];
      expect(cellsOf(scoped, ids.a)).toEqual(cellsOf(rows, ids.a));
    } finally {
      await db.update(organizations).set({ minGroupSize: 5 }).where(eq(organizations.id, orgId));
    }
  });

  it("shows a manager only their own subtree; 403 outside it, 404 for another org's unit", async () => {
    const own = await get(managerB, 'from=2025-01&to=2025-02');
    expect(own.statusCode, own.body).toBe(200);
    expect(new Set((own.json().rows as Row[]).map((r) => r.unitId))).toEqual(new Set([ids.b]));
    expect((await get(managerB, `unitId=${ids.a}`)).statusCode).toBe(403);
    expect((await get(managerB, `unitId=${ids.r}`)).statusCode).toBe(403);
    expect((await get(analyst, `unitId=${otherUnitId}`)).statusCode).toBe(404);
    expect((await get(employee, '')).statusCode).toBe(403);
  });

  it('narrows to a unit subtree and defaults to the last 12 complete months', async () => {
    const res = await get(analyst, `unitId=${ids.a}`);
    const body = res.json() as { from: string; to: string; rows: Row[] };
    const now = new Date();
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    expect(body.to).toBe(last.toISOString().slice(0, 7));
    expect(body.rows).toHaveLength(12);
    expect(new Set(body.rows.map((r) => r.unitId))).toEqual(new Set([ids.a]));
  });

  it('names the field of a bad range', async () => {
    const reversed = await get(analyst, 'from=2025-05&to=2025-01');
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().errors[0].field).toBe('from');
    const tooLong = await get(analyst, 'from=2015-01&to=2025-01');
    expect(tooLong.json().errors[0].field).toBe('to');
    const malformed = await get(analyst, 'from=2025-13');
    expect(malformed.statusCode).toBe(422);
    expect(JSON.stringify(malformed.json().errors)).toContain('from');
  });
});
