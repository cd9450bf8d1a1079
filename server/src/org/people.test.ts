import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units as unitTable } from '../db/schema/index.ts';
import { createOrganization, createPerson, createUnit } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';

type P = Awaited<ReturnType<typeof createPerson>>;
const ids = (res: { json(): { items: Array<{ id: string }> } }) =>
  res.json().items.map((p) => p.id);

describe.each(databaseKinds)('people on %s', (kind) => {
  let t: TestApp;
  let orgId: string;
  let as: Record<'admin' | 'analyst' | 'manager' | 'employee', SignedIn>;
  let people: Record<'admin' | 'regionBoss' | 'manager' | 'alice' | 'bob' | 'outsider', P>;
  let units: Record<'region' | 'branch' | 'team' | 'other', Awaited<ReturnType<typeof createUnit>>>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    orgId = (await createOrganization(db)).id;
    const region = await createUnit(db, orgId, { name: 'Region' });
    const branch = await createUnit(db, orgId, { name: 'Branch', parentId: region.id });
    const team = await createUnit(db, orgId, { name: 'Team', parentId: branch.id });
    const other = await createUnit(db, orgId, { name: 'Other' });
    units = { region, branch, team, other };
    const mk = (o: Parameters<typeof createPerson>[2]) => createPerson(db, orgId, o);
    people = {
      admin: await mk({ name: 'Ada Admin', roles: ['admin'], payBand: 'B7' }),
      regionBoss: await mk({ name: 'Rita Region', roles: ['manager'], unitId: region.id }),
      manager: await mk({ name: 'Max Manager', roles: ['manager'], unitId: branch.id }),
      alice: await mk({
        name: 'Alice Smith',
        unitId: team.id,
        email: 'Alice.Smith@example.test',
        payBand: 'B3',
      }),
      bob: await mk({ name: 'Bob Jones', unitId: branch.id, roles: ['analyst'] }),
      outsider: await mk({ name: 'Olga Other', unitId: other.id }),
    };
    await db
      .update(unitTable)
      .set({ managerId: people.manager.id })
      .where(eq(unitTable.id, branch.id));
    await db
      .update(unitTable)
      .set({ managerId: people.regionBoss.id })
      .where(eq(unitTable.id, region.id));
    as = {
      admin: await signInAs(t.app, people.admin.email),
      analyst: await signInAs(t.app, people.bob.email),
      manager: await signInAs(t.app, people.manager.email),
      employee: await signInAs(t.app, people.alice.email),
    };
  });
  afterAll(() => t.close());

  it('lets an analyst see everyone in the organization, sorted by name', async () => {
    const res = await as.analyst.request('GET', '/api/v1/people');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((p: { name: string }) => p.name)).toEqual([
      'Ada Admin',
      'Alice Smith',
      'Bob Jones',
      'Max Manager',
      'Olga Other',
      'Rita Region',
    ]);
  });

  it('shows a manager only their unit subtree and themselves', async () => {
    const res = await as.manager.request('GET', '/api/v1/people');
    expect(ids(res).sort()).toEqual([people.manager.id, people.alice.id, people.bob.id].sort());
  });

  it('shows an employee only themselves', async () => {
    const res = await as.employee.request('GET', '/api/v1/people');
    expect(ids(res)).toEqual([people.alice.id]);
  });

  it('answers 403 for a person of the organization outside the caller visibility', async () => {
    const res = await as.employee.request('GET', `/api/v1/people/${people.bob.id}`);
    expect(res.statusCode).toBe(403);
  });

  it('answers 404 for an unknown person id', async () => {
    const res = await as.admin.request('GET', `/api/v1/people/${crypto.randomUUID()}`);
    expect(res.statusCode).toBe(404);
  });

  it('searches name and e-mail case-insensitively', async () => {
    const byMail = await as.admin.request('GET', '/api/v1/people?q=ALICE.smith@');
    expect(ids(byMail)).toEqual([people.alice.id]);
    const byName = await as.admin.request('GET', '/api/v1/people?q=jones');
    expect(ids(byName)).toEqual([people.bob.id]);
  });

  it('filters by unit including its subtree, and by role', async () => {
    const inBranch = await as.admin.request('GET', `/api/v1/people?unitId=${units.branch.id}`);
    expect(ids(inBranch).sort()).toEqual(
      [people.manager.id, people.alice.id, people.bob.id].sort(),
    );
    const managers = await as.admin.request('GET', '/api/v1/people?role=manager');
    expect(ids(managers).sort()).toEqual([people.manager.id, people.regionBoss.id].sort());
  });

  it('pages people with a cursor without repeating anyone', async () => {
    const first = await as.admin.request('GET', '/api/v1/people?limit=4');
    expect(first.json().items).toHaveLength(4);
    const second = await as.admin.request(
      'GET',
      `/api/v1/people?limit=4&cursor=${first.json().nextCursor}`,
    );
    expect(second.json().items).toHaveLength(2);
    expect(second.json().nextCursor).toBeNull();
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(6);
  });

  it('shows the pay band to admins only', async () => {
    const forAdmin = await as.admin.request('GET', `/api/v1/people/${people.alice.id}`);
    expect(forAdmin.json().payBand).toBe('B3');
    const forSelf = await as.employee.request('GET', `/api/v1/people/${people.alice.id}`);
    expect(forSelf.statusCode).toBe(200);
    expect(forSelf.json()).not.toHaveProperty('payBand');
    const list = await as.analyst.request('GET', '/api/v1/people');
    expect(JSON.stringify(list.json())).not.toContain('payBand');
  });

  it('tells me my unit, my manager and my team size', async () => {
    const res = await as.employee.request('GET', '/api/v1/people/me');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      person: { id: people.alice.id, unitName: 'Team' },
      unit: { id: units.team.id, name: 'Team', kind: 'front_line' },
      manager: { id: people.manager.id, name: 'Max Manager' },
      teamSize: 1,
    });
  });

  it('gives a manager of their own unit the manager of the nearest unit above', async () => {
    const res = await as.manager.request('GET', '/api/v1/people/me');
    expect(res.json().manager).toEqual({ id: people.regionBoss.id, name: 'Rita Region' });
    expect(res.json().teamSize).toBe(2);
  });

  it('creates a person with roles and updates their unit', async () => {
    const created = await as.admin.request('POST', '/api/v1/people', {
      externalId: 'E-NEW',
      name: 'New Hire',
      email: 'new.hire@example.test',
      unitId: units.team.id,
      roles: ['employee', 'manager'],
      hireDate: '2025-02-01',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ roles: ['employee', 'manager'], unitName: 'Team' });
    const moved = await as.admin.request('PATCH', `/api/v1/people/${created.json().id}`, {
      unitId: units.other.id,
    });
    expect(moved.json().unitName).toBe('Other');
  });

  it('rejects an unknown role with 422', async () => {
    const res = await as.admin.request('PATCH', `/api/v1/people/${people.bob.id}`, {
      roles: ['overlord'],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toMatch(/^body\.roles/);
  });

  it('rejects a duplicate e-mail with 409', async () => {
    const res = await as.admin.request('PATCH', `/api/v1/people/${people.bob.id}`, {
      email: 'ALICE.SMITH@example.test',
    });
    expect(res.statusCode).toBe(409);
  });

  it('refuses person writes from a manager with 403', async () => {
    const res = await as.manager.request('PATCH', `/api/v1/people/${people.alice.id}`, {
      name: 'x',
    });
    expect(res.statusCode).toBe(403);
  });
});
