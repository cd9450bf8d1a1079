import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { units } from '../db/schema/index.ts';
import {
  createOrganization,
  createPerson,
  createSupportEdge,
  createUnit,
} from '../testing/factories.ts';
import { createTestDatabase, databaseKinds } from '../testing/harness.ts';
import { wavePopulation } from './population.ts';

const openingDay = '2026-11-24';

describe.each(databaseKinds)('wave population on %s', (kind) => {
  let database: Database;
  let orgId: string;
  const u: Record<string, string> = {};
  const p: Record<string, string> = {};

  const population = (
    surveyKind: 'employee_pulse' | 'internal_service' | 'manager_upward',
    populationUnitId: string | null = null,
  ) => wavePopulation({ db: database.db, orgId, kind: surveyKind, populationUnitId, openingDay });
  const names = (rows: { personId: string }[]) => {
    const byId = Object.fromEntries(Object.entries(p).map(([name, id]) => [id, name]));
    return rows.map((r) => byId[r.personId]).sort();
  };

  /**
   * head (back office, led by ceo) ─ north (front line, led by nina) ─ oslo (front line, led by
   * olav; served by IT) and bergen (front line, not served); IT (back office, root, led by ivar).
   */
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const db = database.db;
    orgId = (await createOrganization(db)).id;
    const other = await createOrganization(db);
    u.head = (await createUnit(db, orgId, { kind: 'back_office', name: 'Head' })).id;
    u.north = (await createUnit(db, orgId, { parentId: u.head, name: 'North' })).id;
    u.oslo = (await createUnit(db, orgId, { parentId: u.north, name: 'Oslo' })).id;
    u.bergen = (await createUnit(db, orgId, { parentId: u.north, name: 'Bergen' })).id;
    u.it = (await createUnit(db, orgId, { kind: 'back_office', parentId: u.head, name: 'IT' })).id;
    await createSupportEdge(db, orgId, { fromUnitId: u.it, toUnitId: u.oslo });
    // A front-line "supporter" does not make a unit an internal-service rater.
    await createSupportEdge(db, orgId, { fromUnitId: u.oslo, toUnitId: u.bergen });
    const person = async (name: string, unit: string | null, extra = {}) => {
      p[name] = (await createPerson(db, orgId, { unitId: unit, name, ...extra })).id;
    };
    await person('ceo', u.head, { roles: ['executive'], hireDate: '2010-01-01' });
    await person('nina', u.north, { roles: ['manager'], hireDate: '2026-10-01' });
    await person('olav', u.oslo, { roles: ['manager'], hireDate: null });
    await person('ivar', u.it, { roles: ['manager'] });
    await person('ola', u.oslo, { hireDate: '2026-06-01' });
    await person('kari', u.oslo, { exitDate: '2026-12-31' });
    await person('gone', u.oslo, { exitDate: openingDay });
    await person('future', u.oslo, { hireDate: '2026-12-01' });
    await person('berit', u.bergen);
    await person('tech', u.it);
    await person('unplaced', null);
    await createPerson(db, other.id, { unitId: (await createUnit(db, other.id)).id });
    const lead = (unit: string, manager: string) =>
      db.update(units).set({ managerId: p[manager] }).where(eq(units.id, u[unit]!));
    await lead('head', 'ceo');
    await lead('north', 'nina');
    await lead('oslo', 'olav');
    await lead('bergen', 'nina');
    await lead('it', 'ivar');
  });
  afterAll(() => database.close());

  it('pulse: everyone with a unit in the organization who is employed on opening day', async () => {
    expect(names(await population('employee_pulse'))).toEqual(
      ['berit', 'ceo', 'ivar', 'kari', 'nina', 'ola', 'olav', 'tech'].sort(),
    );
  });

  it('pulse: only the population subtree when one is set', async () => {
    expect(names(await population('employee_pulse', u.oslo))).toEqual(['kari', 'ola', 'olav']);
  });

  it('copies each invitee’s unit and tenure band at opening (unknown hire date: 3y+)', async () => {
    const rows = await population('employee_pulse', u.north);
    const of = (name: string) => rows.find((r) => r.personId === p[name]);
    expect(of('nina')).toMatchObject({ unitId: u.north, tenureBand: '<3m' });
    expect(of('ola')).toMatchObject({ unitId: u.oslo, tenureBand: '3-12m' });
    expect(of('kari')).toMatchObject({ tenureBand: '1-3y' });
    expect(of('olav')).toMatchObject({ tenureBand: '3y+' });
  });

  it('internal service: people of front-line units served by a back-office unit', async () => {
    expect(names(await population('internal_service'))).toEqual(['kari', 'ola', 'olav']);
    expect(await population('internal_service', u.bergen)).toEqual([]);
  });

  it('manager upward: unit managers minus top management, counted in their highest unit', async () => {
    const rows = await population('manager_upward');
    expect(names(rows)).toEqual(['ivar', 'nina', 'olav']);
    expect(rows.find((r) => r.personId === p.nina)?.unitId).toBe(u.north);
    expect(names(await population('manager_upward', u.oslo))).toEqual(['olav']);
  });

  it('manager upward: a sole root’s manager is top management; with several roots, root managers are middle managers', async () => {
    const db = database.db;
    const upward = (org: string) =>
      wavePopulation({
        db,
        orgId: org,
        kind: 'manager_upward',
        populationUnitId: null,
        openingDay,
      });
    const single = (await createOrganization(db)).id;
    const top = await createPerson(db, single, { roles: ['manager'] });
    const mid = await createPerson(db, single, { roles: ['manager'] });
    const head = await createUnit(db, single, { managerId: top.id });
    await createUnit(db, single, { parentId: head.id, managerId: mid.id });
    expect((await upward(single)).map((r) => r.personId)).toEqual([mid.id]);

    const several = (await createOrganization(db)).id;
    const ceo = await createPerson(db, several, { roles: ['executive'] });
    const region = await createPerson(db, several, { roles: ['manager'] });
    await createUnit(db, several, { managerId: ceo.id, kind: 'back_office' });
    await createUnit(db, several, { managerId: region.id });
    expect((await upward(several)).map((r) => r.personId)).toEqual([region.id]);
  });
});
