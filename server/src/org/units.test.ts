import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganization,
  createPerson,
  createSupportEdge,
  createUnit,
} from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';

describe.each(databaseKinds)('units on %s', (kind) => {
  let t: TestApp;
  let admin: SignedIn;
  let employee: SignedIn;
  let orgId: string;
  let region: Awaited<ReturnType<typeof createUnit>>;
  let branch: Awaited<ReturnType<typeof createUnit>>;
  let team: Awaited<ReturnType<typeof createUnit>>;
  let backOffice: Awaited<ReturnType<typeof createUnit>>;
  let boss: Awaited<ReturnType<typeof createPerson>>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const org = await createOrganization(db);
    orgId = org.id;
    region = await createUnit(db, orgId, { name: 'Region North', level: 'region' });
    branch = await createUnit(db, orgId, {
      name: 'Branch Oslo',
      level: 'branch',
      parentId: region.id,
    });
    team = await createUnit(db, orgId, { name: 'Team A', parentId: branch.id });
    backOffice = await createUnit(db, orgId, { name: 'IT Support', kind: 'back_office' });
    boss = await createPerson(db, orgId, { roles: ['admin'], unitId: region.id, name: 'Boss' });
    await createPerson(db, orgId, { unitId: team.id });
    await createPerson(db, orgId, { unitId: team.id });
    await createPerson(db, orgId, { unitId: team.id, exitDate: '2020-01-01' });
    const emp = await createPerson(db, orgId, { unitId: branch.id });
    admin = await signInAs(t.app, boss.email);
    employee = await signInAs(t.app, emp.email);
  });
  afterAll(() => t.close());

  it('lists units sorted by name with direct and subtree headcounts of current people', async () => {
    const res = await employee.request('GET', '/api/v1/units');
    expect(res.statusCode).toBe(200);
    const byName = Object.fromEntries(res.json().items.map((u: { name: string }) => [u.name, u]));
    expect(res.json().items.map((u: { name: string }) => u.name)).toEqual([
      'Branch Oslo',
      'IT Support',
      'Region North',
      'Team A',
    ]);
    expect(byName['Team A']).toMatchObject({ headcount: 2, subtreeHeadcount: 2 });
    expect(byName['Region North']).toMatchObject({ headcount: 1, subtreeHeadcount: 4 });
  });

  it('pages through units with an opaque cursor until nextCursor is null', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/units?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await employee.request('GET', url);
      seen.push(...res.json().items.map((u: { id: string }) => u.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });

  it('filters units by parent, kind and a case-insensitive search', async () => {
    const children = await employee.request('GET', `/api/v1/units?parentId=${region.id}`);
    expect(children.json().items.map((u: { id: string }) => u.id)).toEqual([branch.id]);
    const roots = await employee.request('GET', '/api/v1/units?parentId=root');
    expect(roots.json().items).toHaveLength(2);
    const back = await employee.request('GET', '/api/v1/units?kind=back_office');
    expect(back.json().items.map((u: { id: string }) => u.id)).toEqual([backOffice.id]);
    const search = await employee.request('GET', '/api/v1/units?q=oslo');
    expect(search.json().items.map((u: { id: string }) => u.id)).toEqual([branch.id]);
  });

  it('rejects a cursor it did not issue with 422 naming query.cursor', async () => {
    const res = await employee.request('GET', '/api/v1/units?cursor=garbage');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('query.cursor');
  });

  it('rejects a limit above 500 with 422', async () => {
    const res = await employee.request('GET', '/api/v1/units?limit=501');
    expect(res.statusCode).toBe(422);
  });

  it('returns the whole tree with support edges for the explorer', async () => {
    await createSupportEdge(t.database.db, orgId, { fromUnitId: backOffice.id, toUnitId: team.id });
    const res = await employee.request('GET', '/api/v1/units/tree');
    expect(res.statusCode).toBe(200);
    expect(res.json().units).toHaveLength(4);
    expect(res.json().supportEdges).toEqual([{ fromUnitId: backOffice.id, toUnitId: team.id }]);
  });

  it('creates a unit with a manager and reads it back', async () => {
    const res = await admin.request('POST', '/api/v1/units', {
      externalId: 'NEW-1',
      name: 'Team B',
      level: 'team',
      kind: 'front_line',
      parentId: branch.id,
      managerId: boss.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().manager).toEqual({ id: boss.id, name: 'Boss' });
    const read = await employee.request('GET', `/api/v1/units/${res.json().id}`);
    expect(read.json()).toMatchObject({ name: 'Team B', parentId: branch.id });
  });

  it('refuses a unit write from an employee with 403', async () => {
    const res = await employee.request('PATCH', `/api/v1/units/${team.id}`, { name: 'x' });
    expect(res.statusCode).toBe(403);
  });

  it('rejects moving a unit below its own descendant with 422 naming parentId', async () => {
    const res = await admin.request('PATCH', `/api/v1/units/${region.id}`, { parentId: team.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('body.parentId');
  });

  it('rejects a parent or manager from another organization with 422', async () => {
    const other = await createOrganization(t.database.db);
    const foreignUnit = await createUnit(t.database.db, other.id);
    const foreignPerson = await createPerson(t.database.db, other.id);
    const parent = await admin.request('PATCH', `/api/v1/units/${team.id}`, {
      parentId: foreignUnit.id,
    });
    expect(parent.statusCode).toBe(422);
    const manager = await admin.request('PATCH', `/api/v1/units/${team.id}`, {
      managerId: foreignPerson.id,
    });
    expect(manager.statusCode).toBe(422);
    expect(manager.json().errors[0].field).toBe('body.managerId');
  });

  it('rejects unknown body fields with 422 naming the field', async () => {
    const res = await admin.request('PATCH', `/api/v1/units/${team.id}`, { color: 'red' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('body.color');
  });

  it('creates support edges only from back-office units', async () => {
    const bad = await admin.request('POST', '/api/v1/support-edges', {
      fromUnitId: team.id,
      toUnitId: branch.id,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('body.fromUnitId');
    const good = await admin.request('POST', '/api/v1/support-edges', {
      fromUnitId: backOffice.id,
      toUnitId: branch.id,
    });
    expect(good.statusCode).toBe(201);
    const again = await admin.request('POST', '/api/v1/support-edges', {
      fromUnitId: backOffice.id,
      toUnitId: branch.id,
    });
    expect(again.statusCode).toBe(409);
  });

  it('deletes a support edge and answers 404 the second time', async () => {
    const url = `/api/v1/support-edges?from=${backOffice.id}&to=${branch.id}`;
    await admin.request('POST', '/api/v1/support-edges', {
      fromUnitId: backOffice.id,
      toUnitId: branch.id,
    });
    expect((await admin.request('DELETE', url)).statusCode).toBe(200);
    expect((await admin.request('DELETE', url)).statusCode).toBe(404);
  });
});
