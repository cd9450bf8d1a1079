import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../auth/api-token-service.ts';
import { createCase } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';
import { type CaseWorld, createCaseWorld } from './case-world.test-support.ts';

type Viewer = keyof CaseWorld['people'] | 'otherAdmin';

describe.each(databaseKinds)('case visibility on %s', (kind) => {
  let t: TestApp;
  let w: CaseWorld;
  const as = {} as Record<Viewer, SignedIn>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await createCaseWorld(t.database.db);
    for (const [name, person] of Object.entries(w.people)) {
      as[name as Viewer] = await signInAs(t.app, person.email);
    }
    as.otherAdmin = await signInAs(t.app, w.otherAdmin.email);
  });
  afterAll(() => t.close());

  const detailStatus = async (viewer: Viewer, caseId: string) =>
    (await as[viewer].request('GET', `/api/v1/cases/${caseId}`)).statusCode;
  const listed = async (viewer: Viewer) => {
    const res = await as[viewer].request('GET', '/api/v1/cases');
    expect(res.statusCode).toBe(200);
    return (res.json().items as Array<{ title: string }>).map((c) => c.title).sort();
  };

  it('shows an owned case to its owner and the whole management chain, 403 to the rest of the organization, 404 to another organization', async () => {
    const expected: Record<Viewer, number> = {
      owner: 200,
      branchBoss: 200,
      regionBoss: 200,
      exec: 200,
      analyst: 200,
      admin: 200,
      eastBoss: 403,
      colleague: 403,
      queueMember: 403,
      otherAdmin: 404,
    };
    for (const [viewer, status] of Object.entries(expected)) {
      expect(await detailStatus(viewer as Viewer, w.ownedCase.id), viewer).toBe(status);
    }
  });

  it('shows a queue case to the queue members and the chain of its unit, not to other managers', async () => {
    const expected: Partial<Record<Viewer, number>> = {
      queueMember: 200,
      eastBoss: 200,
      exec: 200,
      owner: 403,
      branchBoss: 403,
      regionBoss: 403,
    };
    for (const [viewer, status] of Object.entries(expected)) {
      expect(await detailStatus(viewer as Viewer, w.queueCase.id), viewer).toBe(status);
    }
  });

  it('lists exactly the visible cases for each viewer', async () => {
    expect(await listed('owner')).toEqual(['Owned case']);
    expect(await listed('colleague')).toEqual([]);
    expect(await listed('queueMember')).toEqual(['Queue case']);
    expect(await listed('regionBoss')).toEqual(['Owned case']);
    expect(await listed('eastBoss')).toEqual(['Queue case']);
    expect(await listed('exec')).toEqual(['Owned case', 'Queue case']);
    expect(await listed('analyst')).toEqual(['Owned case', 'Queue case']);
    expect(await listed('otherAdmin')).toEqual([]);
  });

  it("follows the owner's chain too: a case of another unit owned by a branch employee is visible to the branch's managers", async () => {
    const db = t.database.db;
    const c = await createCase(db, {
      orgId: w.orgId,
      responseId: w.response.id,
      unitId: w.units.east.id,
      ownerId: w.people.owner.id,
      title: 'Borrowed case',
    });
    expect(await detailStatus('branchBoss', c.id)).toBe(200);
    expect(await detailStatus('eastBoss', c.id)).toBe(200);
    expect(await detailStatus('colleague', c.id)).toBe(403);
  });

  it('gives customer contact data in the detail only, to viewers in scope', async () => {
    const detail = await as.owner.request('GET', `/api/v1/cases/${w.ownedCase.id}`);
    expect(detail.json().customer).toMatchObject({ email: 'carla@example.test' });
    const list = await as.owner.request('GET', '/api/v1/cases');
    expect(list.body).not.toContain('carla@example.test');
    const denied = await as.colleague.request('GET', `/api/v1/cases/${w.ownedCase.id}`);
    expect(denied.body).not.toContain('carla@example.test');
  });

  it('lets a read token list every case of its organization', async () => {
    const { token } = await createApiToken({
      db: t.database.db,
      orgId: w.orgId,
      createdBy: w.people.admin.id,
      name: 'reader',
      scopes: ['read'],
    });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cases?ownerId=none',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((c: { title: string }) => c.title)).toEqual(['Queue case']);
  });
});
