import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createPerson, createUnit } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';
import { createRootCause } from './test-fixtures.ts';

const API = '/api/v1/action-plans';

describe.each(databaseKinds)('action plans over HTTP on %s', (kind) => {
  let t: TestApp;
  let units: Record<'region' | 'branch' | 'team' | 'otherBranch', string>;
  let manager: SignedIn;
  let analyst: SignedIn;
  let teamEmployee: SignedIn;
  let otherEmployee: SignedIn;
  let stranger: SignedIn;
  let managerId: string;
  let rootCauseId: string;
  let foreignRootCauseId: string;
  let foreignPersonId: string;
  let foreignUnitId: string;

  const plan = (unitId: string, extra: Record<string, unknown> = {}) => ({
    unitId,
    title: 'Shorter queues at the counter',
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const org = await createOrganization(db);
    const region = await createUnit(db, org.id, { level: 'region' });
    const branch = await createUnit(db, org.id, { parentId: region.id, level: 'branch' });
    const team = await createUnit(db, org.id, { parentId: branch.id });
    const otherBranch = await createUnit(db, org.id, { parentId: region.id, level: 'branch' });
    units = { region: region.id, branch: branch.id, team: team.id, otherBranch: otherBranch.id };
    const m = await createPerson(db, org.id, { roles: ['manager'], unitId: branch.id });
    managerId = m.id;
    manager = await signInAs(t.app, m.email);
    analyst = await signInAs(t.app, (await createPerson(db, org.id, { roles: ['analyst'] })).email);
    teamEmployee = await signInAs(
      t.app,
      (await createPerson(db, org.id, { unitId: team.id })).email,
    );
    otherEmployee = await signInAs(
      t.app,
      (await createPerson(db, org.id, { unitId: otherBranch.id })).email,
    );
    rootCauseId = (await createRootCause(db, org.id, 'Understaffed counter')).id;
    const other = await createOrganization(db);
    stranger = await signInAs(
      t.app,
      (await createPerson(db, other.id, { roles: ['admin'] })).email,
    );
    foreignRootCauseId = (await createRootCause(db, other.id, 'Elsewhere')).id;
    foreignPersonId = (await createPerson(db, other.id)).id;
    foreignUnitId = (await createUnit(db, other.id)).id;
  });
  afterAll(() => t.close());

  it('creates a plan with its links resolved to names and a baseline of the linked measures', async () => {
    const res = await manager.request(
      'POST',
      API,
      plan(units.team, {
        ownerId: managerId,
        dueOn: '2027-01-31',
        followUpWeeks: 6,
        links: [
          { kind: 'root_cause', ref: rootCauseId },
          { kind: 'pulse_item', ref: 'climate.tools' },
          { kind: 'customer_theme', ref: '  Espéra  ' },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      unit: { id: units.team },
      owner: { id: managerId },
      status: 'planned',
      dueOn: '2027-01-31',
      followUpWeeks: 6,
      followUpAt: null,
      linkCount: 3,
      version: 1,
    });
    expect(Date.parse(body.followUpDueAt) - Date.parse(body.createdAt)).toBe(6 * 7 * 86_400_000);
    expect(body.links).toEqual(
      expect.arrayContaining([
        { kind: 'root_cause', ref: rootCauseId, label: 'Understaffed counter' },
        {
          kind: 'pulse_item',
          ref: 'climate.tools',
          label: 'I have the tools I need to serve customers',
        },
        { kind: 'customer_theme', ref: 'espera', label: 'espera' },
      ]),
    );
    const keys = body.measures.map((m: { key: string }) => m.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'cvi',
        'nps',
        'climate.tools',
        `root_cause:${rootCauseId}`,
        'theme:espera',
      ]),
    );
    // No feedback yet: scores are unknown, the root cause was seen 0 times per 30 days.
    const byKey = Object.fromEntries(body.measures.map((m: { key: string }) => [m.key, m]));
    expect(byKey.cvi).toMatchObject({ baseline: null, followUp: null, direction: null });
    expect(byKey[`root_cause:${rootCauseId}`]).toMatchObject({ baseline: 0, unit: 'per_30_days' });
  });

  it('names every invalid field of a plan', async () => {
    const bad = await analyst.request('POST', API, {
      unitId: units.team,
      title: '',
      followUpWeeks: 0,
      surprise: true,
    });
    expect(bad.statusCode).toBe(422);
    const fields = bad
      .json()
      .errors.map((e: { field: string }) => e.field)
      .join(' ');
    expect(fields).toContain('body.title');
    expect(fields).toContain('body.followUpWeeks');
    expect(fields).toContain('body.surprise');

    const links = await analyst.request(
      'POST',
      API,
      plan(units.team, {
        links: [
          { kind: 'root_cause', ref: foreignRootCauseId },
          { kind: 'pulse_item', ref: 'climate.coffee' },
          { kind: 'root_cause', ref: 'not-a-uuid' },
          { kind: 'customer_theme', ref: 'wait' },
          { kind: 'customer_theme', ref: 'WAIT' },
        ],
      }),
    );
    expect(links.statusCode).toBe(422);
    expect(links.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.links.0.ref',
      'body.links.1.ref',
      'body.links.2.ref',
      'body.links.4.ref',
    ]);

    const owner = await analyst.request(
      'POST',
      API,
      plan(units.team, { ownerId: foreignPersonId }),
    );
    expect(owner.statusCode).toBe(422);
    expect(owner.json().errors[0].field).toBe('body.ownerId');
    const unit = await analyst.request('POST', API, plan(foreignUnitId));
    expect(unit.statusCode).toBe(422);
    expect(unit.json().errors[0].field).toBe('body.unitId');
  });

  it('lets a manager plan only for units of their subtree', async () => {
    const outside = await manager.request('POST', API, plan(units.otherBranch));
    expect(outside.statusCode).toBe(403);
    const above = await manager.request('POST', API, plan(units.region));
    expect(above.statusCode).toBe(403);
    const own = await manager.request('POST', API, plan(units.branch));
    expect(own.statusCode).toBe(201);
  });

  it('shows each person the plans of their own units only', async () => {
    const other = await analyst.request('POST', API, plan(units.otherBranch, { title: 'Other' }));
    expect(other.statusCode).toBe(201);
    const unitsOf = async (client: SignedIn, query = '') => {
      const res = await client.request('GET', `${API}${query}`);
      expect(res.statusCode).toBe(200);
      return new Set(res.json().items.map((p: { unit: { id: string } }) => p.unit.id));
    };
    expect(await unitsOf(manager)).toEqual(new Set([units.team, units.branch]));
    expect(await unitsOf(teamEmployee)).toEqual(new Set([units.team]));
    expect(await unitsOf(otherEmployee)).toEqual(new Set([units.otherBranch]));
    expect(await unitsOf(analyst)).toEqual(new Set([units.team, units.branch, units.otherBranch]));
    expect(await unitsOf(analyst, `?unitId=${units.branch}`)).toEqual(
      new Set([units.team, units.branch]),
    );
    expect(await unitsOf(manager, `?unitId=${units.otherBranch}`)).toEqual(new Set());
    expect(await unitsOf(stranger)).toEqual(new Set());

    const forbidden = await otherEmployee.request(
      'GET',
      `${API}/${[...(await listIds(manager))][0]}`,
    );
    expect(forbidden.statusCode).toBe(403);
    const foreign = await stranger.request('GET', `${API}/${[...(await listIds(manager))][0]}`);
    expect(foreign.statusCode).toBe(404);
  });

  async function listIds(client: SignedIn): Promise<string[]> {
    return (await client.request('GET', API)).json().items.map((p: { id: string }) => p.id);
  }

  it('pages the plans newest first and filters them by status', async () => {
    const all = await listIds(analyst);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await analyst.request(
        'GET',
        `${API}?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const body = res.json();
      seen.push(...body.items.map((p: { id: string }) => p.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const done = await analyst.request('GET', `${API}?status=done`);
    expect(done.json().items).toEqual([]);
    const badStatus = await analyst.request('GET', `${API}?status=finished`);
    expect(badStatus.statusCode).toBe(422);
    expect(badStatus.json().errors[0].field).toBe('query.status');
  });

  it('answers 409 with the current plan to a stale version, and moves status only along allowed steps', async () => {
    const created = (await manager.request('POST', API, plan(units.team))).json();
    const url = `${API}/${created.id}`;
    const first = await manager.request('PATCH', url, { version: 1, status: 'in_progress' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'in_progress', version: 2 });
    const stale = await analyst.request('PATCH', url, { version: 1, title: 'Mine instead' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'conflict',
      errors: [{ field: 'body.version' }],
      current: { id: created.id, version: 2, status: 'in_progress' },
    });
    const done = await manager.request('PATCH', url, { version: 2, status: 'done' });
    expect(done.json()).toMatchObject({ status: 'done', version: 3 });
    const dropped = await manager.request('PATCH', url, { version: 3, status: 'dropped' });
    expect(dropped.statusCode).toBe(422);
    expect(dropped.json().errors[0].field).toBe('body.status');
    const reopened = await manager.request('PATCH', url, { version: 3, status: 'in_progress' });
    expect(reopened.json()).toMatchObject({ status: 'in_progress', version: 4 });
  });

  it('keeps other managers and employees from changing a plan, and another organization from seeing it', async () => {
    const created = (await analyst.request('POST', API, plan(units.otherBranch))).json();
    const url = `${API}/${created.id}`;
    expect((await manager.request('PATCH', url, { version: 1, title: 'x' })).statusCode).toBe(403);
    expect((await otherEmployee.request('PATCH', url, { version: 1, title: 'x' })).statusCode).toBe(
      403,
    );
    expect((await otherEmployee.request('POST', API, plan(units.otherBranch))).statusCode).toBe(
      403,
    );
    expect((await stranger.request('PATCH', url, { version: 1, title: 'x' })).statusCode).toBe(404);
    expect((await stranger.request('GET', url)).statusCode).toBe(404);
    expect((await otherEmployee.request('GET', url)).statusCode).toBe(200);
  });
  it('documents the plan and notification routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/action-plans',
        '/api/v1/action-plans/suggestions',
        '/api/v1/action-plans/{id}',
        '/api/v1/notifications',
        '/api/v1/notifications/{id}/read',
        '/api/v1/notifications/read-all',
      ]),
    );
    expect(doc.paths['/api/v1/action-plans/{id}'].patch.responses['409']).toBeDefined();
  });
});
