import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cases, notifications, recoveryActions } from '../db/schema/index.ts';
import { createCase } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';
import { type CaseWorld, createCaseWorld } from './case-world.test-support.ts';

describe.each(databaseKinds)('case work on %s', (kind) => {
  let t: TestApp;
  let w: CaseWorld;
  let owner: SignedIn;
  let branchBoss: SignedIn;
  let colleague: SignedIn;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await createCaseWorld(t.database.db);
    owner = await signInAs(t.app, w.people.owner.email);
    branchBoss = await signInAs(t.app, w.people.branchBoss.email);
    colleague = await signInAs(t.app, w.people.colleague.email);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    const c = await createCase(t.database.db, {
      orgId: w.orgId,
      responseId: w.response.id,
      unitId: w.units.branch.id,
      ownerId: w.people.owner.id,
    });
    caseId = c.id;
  });

  const patch = (who: SignedIn, body: object) =>
    who.request('PATCH', `/api/v1/cases/${caseId}`, body);

  it('walks new → in progress → waiting → resolved → closed → reopened, one event and one version per step', async () => {
    const steps: Array<Record<string, unknown>> = [
      { status: 'in_progress' },
      { status: 'waiting_on_customer' },
      { status: 'resolved', rootCauseId: w.rootCause.id },
      { status: 'closed' },
      { status: 'in_progress' },
    ];
    let version = 1;
    for (const step of steps) {
      const res = await patch(owner, { version, ...step });
      expect(res.statusCode, JSON.stringify(step)).toBe(200);
      expect(res.json()).toMatchObject({ status: step.status, version: version + 1 });
      version += 1;
    }
    const detail = (await owner.request('GET', `/api/v1/cases/${caseId}`)).json();
    const kinds = detail.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual([
      'status_changed',
      'status_changed',
      'root_cause_set',
      'status_changed',
      'status_changed',
      'status_changed',
    ]);
    expect(detail.timeline[0].actor).toEqual({ id: w.people.owner.id, name: 'Olive Owner' });
    expect(detail.rootCause).toEqual({ id: w.rootCause.id, name: 'Wait time' });
    expect(detail.minutesLeft).not.toBeNull();
  });

  it('refuses an impossible transition with 422 naming status, and changes nothing', async () => {
    const res = await patch(owner, { version: 1, status: 'closed', rootCauseId: w.rootCause.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('body.status');
    const [row] = await t.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ status: 'new', version: 1, rootCauseId: null });
  });

  it('requires a root cause to resolve (422 naming rootCauseId)', async () => {
    const res = await patch(owner, { version: 1, status: 'resolved' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('body.rootCauseId');
  });

  it('answers 409 with the current case to the second of two edits made on the same version', async () => {
    const [a, b] = await Promise.all([
      patch(owner, { version: 1, priority: 'high' }),
      patch(branchBoss, { version: 1, status: 'in_progress' }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const conflict = a.statusCode === 409 ? a : b;
    expect(conflict.headers['content-type']).toContain('application/problem+json');
    expect(conflict.json()).toMatchObject({
      code: 'conflict',
      current: { id: caseId, version: 2 },
    });
    const stale = await patch(owner, { version: 1, priority: 'low' });
    expect(stale.statusCode).toBe(409);
  });

  it('reassigns within the chain, records it and notifies the new owner; refuses an owner outside it', async () => {
    const res = await patch(branchBoss, { version: 1, ownerId: w.people.colleague.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().owner).toEqual({ id: w.people.colleague.id, name: 'Colin Colleague' });
    const assigned = res.json().timeline.find((e: { kind: string }) => e.kind === 'assigned');
    expect(assigned).toMatchObject({
      actor: { id: w.people.branchBoss.id },
      data: { fromOwnerId: w.people.owner.id, toOwnerId: w.people.colleague.id },
    });
    const notes = await t.database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.personId, w.people.colleague.id),
          eq(notifications.kind, 'case_assigned'),
        ),
      );
    expect(notes.some((n) => n.link === `/cases/${caseId}`)).toBe(true);
    const outside = await patch(branchBoss, { version: 2, ownerId: w.people.queueMember.id });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].field).toBe('body.ownerId');
  });

  it('keeps notes on the timeline in the order they were written, with their author', async () => {
    for (const text of ['Called the customer', 'Left a voicemail']) {
      const res = await owner.request('POST', `/api/v1/cases/${caseId}/notes`, { text });
      expect(res.statusCode).toBe(201);
      expect(res.json().actor.name).toBe('Olive Owner');
    }
    await patch(owner, { version: 1, status: 'in_progress' });
    const detail = (await owner.request('GET', `/api/v1/cases/${caseId}`)).json();
    expect(
      detail.timeline.map((e: { kind: string; data: { text?: string } }) => e.data.text ?? e.kind),
    ).toEqual(['Called the customer', 'Left a voicemail', 'status_changed']);
    const denied = await colleague.request('POST', `/api/v1/cases/${caseId}/notes`, { text: 'x' });
    expect(denied.statusCode).toBe(403);
  });

  it('bulk-assigns all or nothing: one invisible id refuses the lot and names it', async () => {
    const second = await createCase(t.database.db, {
      orgId: w.orgId,
      responseId: w.response.id,
      unitId: w.units.branch.id,
    });
    const refused = await branchBoss.request('POST', '/api/v1/cases/bulk-assign', {
      caseIds: [caseId, w.queueCase.id],
      ownerId: w.people.colleague.id,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([
      { field: 'body.caseIds.1', message: `case ${w.queueCase.id} is not one you may see` },
    ]);
    const [unchanged] = await t.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(unchanged!.ownerId).toBe(w.people.owner.id);
    const ok = await branchBoss.request('POST', '/api/v1/cases/bulk-assign', {
      caseIds: [caseId, second.id],
      ownerId: w.people.colleague.id,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ assigned: 2 });
    const rows = await t.database.db
      .select()
      .from(cases)
      .where(inArray(cases.id, [caseId, second.id]));
    expect(rows.map((r) => r.ownerId)).toEqual([w.people.colleague.id, w.people.colleague.id]);
    expect(rows.every((r) => r.version === 2)).toBe(true);
    const byEmployee = await owner.request('POST', '/api/v1/cases/bulk-assign', {
      caseIds: [caseId],
      ownerId: w.people.owner.id,
    });
    expect(byEmployee.statusCode).toBe(403);
  });

  it('pages the inbox by due time with a cursor, without repeating or skipping a case', async () => {
    const admin = await signInAs(t.app, w.people.admin.email);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const res = await admin.request('GET', `/api/v1/cases?limit=2&sort=due${q}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((c: { id: string }) => c.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    const all = await t.database.db
      .select({ id: cases.id })
      .from(cases)
      .where(eq(cases.orgId, w.orgId));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(all.map((r) => r.id).sort());
  });

  it('filters by status, owner and priority and sorts by priority', async () => {
    await patch(owner, { version: 1, priority: 'urgent' });
    const res = await owner.request('GET', '/api/v1/cases?ownerId=me&status=new&sort=priority');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ id: string; priority: string; status: string }>;
    expect(items[0]).toMatchObject({ id: caseId, priority: 'urgent' });
    expect(items.every((c) => c.status === 'new')).toBe(true);
    const bad = await owner.request('GET', '/api/v1/cases?status=lost');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toContain('status');
  });

  it('shows the recovery actions of a case in its detail, with who took them', async () => {
    await t.database.db.insert(recoveryActions).values({
      orgId: w.orgId,
      caseId,
      takenBy: w.people.owner.id,
      unitId: w.units.branch.id,
      type: 'gift',
      amount: '15.00',
      currency: 'USD',
      note: 'Flowers',
      status: 'taken',
    });
    const detail = (await owner.request('GET', `/api/v1/cases/${caseId}`)).json();
    expect(detail.recoveries).toEqual([
      expect.objectContaining({
        caseId,
        takenBy: { id: w.people.owner.id, name: 'Olive Owner' },
        unit: { id: w.units.branch.id, name: 'Branch' },
        type: 'gift',
        amount: '15.00',
        status: 'taken',
        decidedBy: null,
      }),
    ]);
  });
});
