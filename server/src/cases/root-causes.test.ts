import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';
import { type CaseWorld, createCaseWorld } from './case-world.test-support.ts';

describe.each(databaseKinds)('root causes on %s', (kind) => {
  let t: TestApp;
  let w: CaseWorld;
  let analyst: SignedIn;
  let branchBoss: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await createCaseWorld(t.database.db);
    analyst = await signInAs(t.app, w.people.analyst.email);
    branchBoss = await signInAs(t.app, w.people.branchBoss.email);
  });
  afterAll(() => t.close());

  it('lets analysts build a two-level taxonomy and refuses a third level', async () => {
    const top = await analyst.request('POST', '/api/v1/root-causes', { name: 'Staffing' });
    expect(top.statusCode).toBe(201);
    const child = await analyst.request('POST', '/api/v1/root-causes', {
      name: 'Too few tellers',
      parentId: top.json().id,
    });
    expect(child.statusCode).toBe(201);
    expect(child.json()).toMatchObject({ parentId: top.json().id, active: true });
    const third = await analyst.request('POST', '/api/v1/root-causes', {
      name: 'Lunch hour',
      parentId: child.json().id,
    });
    expect(third.statusCode).toBe(422);
    expect(third.json().errors[0].field).toBe('body.parentId');
    const dup = await analyst.request('POST', '/api/v1/root-causes', { name: 'Staffing' });
    expect(dup.statusCode).toBe(409);
  });

  it('renames and deactivates; a deactivated cause can no longer be chosen for a case', async () => {
    const made = await analyst.request('POST', '/api/v1/root-causes', { name: 'Pricing' });
    const id = made.json().id;
    const renamed = await analyst.request('PATCH', `/api/v1/root-causes/${id}`, {
      name: 'Price confusion',
      active: false,
    });
    expect(renamed.json()).toMatchObject({ name: 'Price confusion', active: false });
    const listed = await branchBoss.request('GET', '/api/v1/root-causes');
    expect(listed.json().items.map((c: { name: string }) => c.name)).toContain('Price confusion');
    const c = await createCase(t.database.db, {
      orgId: w.orgId,
      responseId: w.response.id,
      unitId: w.units.branch.id,
    });
    const res = await branchBoss.request('PATCH', `/api/v1/cases/${c.id}`, {
      version: 1,
      rootCauseId: id,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('body.rootCauseId');
    const byManager = await branchBoss.request('POST', '/api/v1/root-causes', { name: 'Mine' });
    expect(byManager.statusCode).toBe(403);
  });

  it("counts resolved cases per cause in descending order with the cumulative share, within the viewer's cases and dates", async () => {
    const db = t.database.db;
    const make = async (name: string) =>
      (await analyst.request('POST', '/api/v1/root-causes', { name })).json().id as string;
    const rude = await make('Rude staff');
    const slow = await make('Slow service');
    const resolved = new Date('2026-03-10T12:00:00Z');
    const resolve = (rootCauseId: string, unitId: string, resolvedAt = resolved) =>
      createCase(db, {
        orgId: w.orgId,
        responseId: w.response.id,
        unitId,
        status: 'resolved',
        rootCauseId,
        resolvedAt,
      });
    for (let i = 0; i < 3; i++) await resolve(slow, w.units.branch.id);
    await resolve(rude, w.units.branch.id);
    await resolve(rude, w.units.east.id);
    await resolve(rude, w.units.branch.id, new Date('2026-05-01T00:00:00Z'));
    const range = 'from=2026-03-01&to=2026-03-31';
    const mine = (await branchBoss.request('GET', `/api/v1/root-causes/pareto?${range}`)).json();
    expect(mine).toEqual({
      total: 4,
      items: [
        { rootCause: { id: slow, name: 'Slow service' }, count: 3, cumulativeShare: 0.75 },
        { rootCause: { id: rude, name: 'Rude staff' }, count: 1, cumulativeShare: 1 },
      ],
    });
    const all = (await analyst.request('GET', `/api/v1/root-causes/pareto?${range}`)).json();
    expect(all.total).toBe(5);
    const east = await analyst.request(
      'GET',
      `/api/v1/root-causes/pareto?${range}&unitId=${w.units.east.id}`,
    );
    expect(east.json().items).toEqual([
      { rootCause: { id: rude, name: 'Rude staff' }, count: 1, cumulativeShare: 1 },
    ]);
    const bad = await analyst.request('GET', '/api/v1/root-causes/pareto?from=March');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('query.from');
  });
});
