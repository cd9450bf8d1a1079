import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differenceAttack, exposedResponses } from '../confidentiality/testing/attacker.ts';
import type { TenureBand } from '../confidentiality/types.ts';
import { employeeResults, jobs, pulseWaves } from '../db/schema/index.ts';
import { startWorker } from '../jobs/worker.ts';
import { EMPLOYEE_RESULTS_RELEASE_QUEUE } from '../pulses/queues.ts';
import { createOrganization, createPerson, createUnit } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';
import { releaseWaveResults, runEmployeeResultsRelease } from './release.ts';
import { tenureFilterBands } from './release-cells.ts';
import {
  type ClosedWave,
  createClosedWave,
  createEmployeeSurvey,
  insertEmployeeResponses,
  type ResponseSpec,
} from './test-fixtures.ts';

type Spec = ResponseSpec & { count: number };

describe.each(databaseKinds)('employee results on %s', (kind) => {
  let t: TestApp;
  let orgId: string;
  const u: Record<string, string> = {};
  let parentOf: Map<string, string | null>;
  let pulse: ClosedWave;
  let pulseSurveyId: string;
  let admin: SignedIn;
  let executive: SignedIn;
  let managerA: SignedIn;
  let employeeA1: SignedIn;
  let otherAdmin: SignedIn;
  let otherUnitId: string;

  /** The January pulse, one spec per group: the attacker below expands them into responses. */
  const january = (): Spec[] => [
    {
      unitId: u.A1,
      band: '1-3y',
      count: 8,
      scores: { evi: 80, 'ev.solve': 75, enps: 100 },
      comment: 'fine',
    },
    { unitId: u.A1, band: '<3m', count: 2, scores: { evi: 40, 'ev.solve': 50 } },
    { unitId: u.A2, band: '3y+', count: 3, scores: { evi: 20, 'ev.solve': 25, enps: -100 } },
    {
      unitId: u.C,
      band: '3y+',
      count: 12,
      scores: { evi: 60, 'ev.solve': 75, enps: 0 },
      comment: 'C says',
    },
    { unitId: u.D, band: '1-3y', count: 7, scores: { evi: 50, 'ev.solve': 50 }, comment: 'D says' },
  ];

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    orgId = (await createOrganization(db, { minGroupSize: 5, minCommentGroupSize: 10 })).id;
    const unit = (name: string, parent: string | null, kind = 'front_line' as const) =>
      createUnit(db, orgId, { name, parentId: parent ? u[parent] : null, kind });
    u.R = (await unit('HQ', null)).id;
    u.A = (await unit('A region', 'R')).id;
    u.A1 = (await unit('A1 team', 'A')).id;
    u.A2 = (await unit('A2 team', 'A')).id;
    u.B = (
      await createUnit(db, orgId, { name: 'B back office', parentId: u.R, kind: 'back_office' })
    ).id;
    u.C = (await unit('C team', 'R')).id;
    u.D = (await unit('D team', 'R')).id;
    parentOf = new Map([
      [u.R, null],
      [u.A, u.R],
      [u.A1, u.A],
      [u.A2, u.A],
      [u.B, u.R],
      [u.C, u.R],
      [u.D, u.R],
    ]);
    const person = (roles: ('admin' | 'executive' | 'manager' | 'employee')[], unitId?: string) =>
      createPerson(db, orgId, { roles, unitId: unitId ?? null });
    const a = await person(['admin']);
    admin = await signInAs(t.app, a.email);
    executive = await signInAs(t.app, (await person(['executive'])).email);
    managerA = await signInAs(t.app, (await person(['manager'], u.A)).email);
    employeeA1 = await signInAs(t.app, (await person(['employee'], u.A1)).email);
    const other = await createOrganization(db);
    otherUnitId = (await createUnit(db, other.id)).id;
    otherAdmin = await signInAs(
      t.app,
      (await createPerson(db, other.id, { roles: ['admin'] })).email,
    );

    const pulseSurvey = await createEmployeeSurvey(db, {
      orgId,
      actorId: a.id,
      kind: 'employee_pulse',
    });
    pulseSurveyId = pulseSurvey.surveyId;
    pulse = await createClosedWave(db, { orgId, ...pulseSurvey, period: '2026-01' });
    await insertEmployeeResponses(db, pulse, january());
    const february = await createClosedWave(db, { orgId, ...pulseSurvey, period: '2026-02' });
    await insertEmployeeResponses(db, february, [
      { unitId: u.C, band: '3y+', count: 6, scores: { evi: 70 } },
    ]);

    const service = await createEmployeeSurvey(db, {
      orgId,
      actorId: a.id,
      kind: 'internal_service',
    });
    const serviceWave = await createClosedWave(db, { orgId, ...service, period: '2026-01' });
    await insertEmployeeResponses(db, serviceWave, [
      { unitId: u.C, subjectUnitId: u.B, count: 6, scores: { isq: 75 }, comment: 'quick' },
      { unitId: u.D, subjectUnitId: u.B, count: 2, scores: { isq: 50 } },
    ]);
    const upward = await createEmployeeSurvey(db, { orgId, actorId: a.id, kind: 'manager_upward' });
    const upwardWave = await createClosedWave(db, { orgId, ...upward, period: '2026-01' });
    await insertEmployeeResponses(db, upwardWave, [
      { unitId: u.A, count: 5, scores: { upward: 60, upward_support: 55 } },
    ]);
    for (const wave of [pulse, february, serviceWave, upwardWave]) {
      await releaseWaveResults({ db, waveId: wave.waveId });
    }
  });
  afterAll(() => t.close());

  const rowsOf = (waveId: string) =>
    t.database.db.select().from(employeeResults).where(eq(employeeResults.waveId, waveId));
  const cell = async (unit: string, scope: 'unit' | 'subtree', tenure = 'all') => {
    const rows = await rowsOf(pulse.waveId);
    return rows.find((r) => r.unitId === u[unit] && r.scope === scope && r.tenure === tenure)!;
  };

  /** Every released cell of the January pulse as a set of response ids (an independent walk). */
  async function releasedSets(k: number) {
    const responses = january().flatMap((spec) =>
      Array.from({ length: spec.count }, () => ({ unitId: spec.unitId, band: spec.band! })),
    );
    const within = (unitId: string, root: string): boolean =>
      unitId === root || (parentOf.get(unitId) ? within(parentOf.get(unitId)!, root) : false);
    const shown = (await rowsOf(pulse.waveId)).filter((r) => r.status === 'shown');
    const sets = shown.map((row) => {
      const bands: readonly TenureBand[] | undefined =
        tenureFilterBands[row.tenure as keyof typeof tenureFilterBands];
      return responses.flatMap((r, i) =>
        (row.scope === 'unit' ? r.unitId === row.unitId : within(r.unitId, row.unitId)) &&
        (!bands || bands.includes(r.band))
          ? [i]
          : [],
      );
    });
    for (const [i, row] of shown.entries()) expect(row.n).toBe(sets[i].length);
    expect(differenceAttack(sets, k)).toBeNull();
    expect(
      exposedResponses(
        sets,
        responses.map((_, i) => i),
      ),
    ).toEqual([]);
    return { shown, sets };
  }

  it('writes one row per unit × scope × tenure filter and suppresses groups below k', async () => {
    expect(await rowsOf(pulse.waveId)).toHaveLength(7 * 2 * 6);
    const small = await cell('A2', 'unit');
    expect(small).toMatchObject({ status: 'suppressed', n: null, means: null, comments: null });
    const [wave] = await t.database.db
      .select()
      .from(pulseWaves)
      .where(eq(pulseWaves.id, pulse.waveId));
    expect(wave).toMatchObject({ status: 'released', releasedK: 5, releasedKComments: 10 });
  });

  it('never shows a parent and its only large child when the other child is below k', async () => {
    const parent = await cell('A', 'subtree');
    const child = await cell('A1', 'subtree');
    expect([parent.status, child.status]).toContain('suppressed');
  });

  it('never shows a tenure filter together with a complement below k', async () => {
    const all = await cell('A1', 'unit');
    const longTenure = await cell('A1', 'unit', '1-3y');
    expect([all.status, longTenure.status]).toContain('suppressed');
    expect((await cell('A1', 'unit', 'newcomers')).status).toBe('suppressed');
  });

  it('lets no combination of released cells isolate fewer than k responses', async () => {
    const { shown } = await releasedSets(5);
    expect(shown.length).toBeGreaterThan(0);
  });

  it('shows comments only for groups of at least k_c, shuffled texts only', async () => {
    const big = await cell('C', 'unit');
    expect(big.status).toBe('shown');
    expect(big.comments).toHaveLength(12);
    expect(new Set(big.comments)).toEqual(new Set(['C says']));
    const medium = await cell('D', 'unit');
    expect(medium).toMatchObject({ status: 'shown', n: 7, comments: null });
  });

  it('keeps item construct means next to the indices', async () => {
    const big = await cell('C', 'unit');
    expect(big.means).toMatchObject({ evi: 60, 'ev.solve': 75, enps: 0 });
  });

  it('replaces the same rows when the release runs again', async () => {
    const strip = (rows: Awaited<ReturnType<typeof rowsOf>>) =>
      rows
        .map(({ id: _id, ...rest }) => rest)
        .sort((a, b) =>
          `${a.unitId}${a.scope}${a.tenure}`.localeCompare(`${b.unitId}${b.scope}${b.tenure}`),
        );
    const before = strip(await rowsOf(pulse.waveId));
    await releaseWaveResults({ db: t.database.db, waveId: pulse.waveId });
    expect(strip(await rowsOf(pulse.waveId))).toEqual(before);
  });

  it('shows executives every unit in tree order with depth', async () => {
    const res = await executive.request('GET', '/api/v1/employee-results/heatmap');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      surveyId: pulseSurveyId,
      period: '2026-02',
      periods: ['2026-01', '2026-02'],
    });
    expect(body.indices).toContain('evi');
    const names = ['R', 'A', 'A1', 'A2', 'B', 'C', 'D'];
    expect(body.rows.map((r: { unitId: string }) => r.unitId)).toEqual(names.map((n) => u[n]));
    expect(body.rows.map((r: { depth: number }) => r.depth)).toEqual([0, 1, 2, 2, 1, 1, 1]);
  });

  it('shows a manager their subtree and an employee their own unit only', async () => {
    const url = '/api/v1/employee-results/heatmap?period=2026-01&scope=unit';
    const ids = async (who: SignedIn) =>
      (await who.request('GET', url)).json().rows.map((r: { unitId: string }) => r.unitId);
    expect(await ids(managerA)).toEqual([u.A, u.A1, u.A2]);
    expect(await ids(employeeA1)).toEqual([u.A1]);
  });

  it('answers a period without released results with 404 naming the period', async () => {
    const res = await admin.request('GET', '/api/v1/employee-results/heatmap?period=2025-12');
    expect(res.statusCode).toBe(404);
    expect(res.json().errors[0].field).toBe('query.period');
  });

  it('refuses the upward survey on the heatmap with 422 naming surveyId', async () => {
    const upward = await executive.request('GET', '/api/v1/employee-results/upward');
    const res = await managerA.request(
      'GET',
      `/api/v1/employee-results/heatmap?surveyId=${upward.json().surveyId}`,
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('query.surveyId');
  });

  it("gives a team's trend, item breakdown with the pinned wording, comments and newcomers", async () => {
    const res = await executive.request(
      'GET',
      `/api/v1/employee-results/team-pulse?unitId=${u.C}&scope=unit`,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unit).toEqual({ id: u.C, name: 'C team' });
    expect(body.trend.map((p: { period: string }) => p.period)).toEqual(['2026-01', '2026-02']);
    expect(body.trend[1].cell).toMatchObject({ status: 'shown', n: 6, means: { evi: 70 } });
    expect(body.comments).toEqual({ status: 'suppressed' });
    expect(body.newcomers).toEqual({ status: 'suppressed' });
    const january = await executive.request(
      'GET',
      `/api/v1/employee-results/team-pulse?unitId=${u.C}&scope=unit&period=2026-01`,
    );
    const items = january.json().items as {
      construct: string;
      text: string;
      mean: number | null;
    }[];
    expect(items.find((i) => i.construct === 'ev.solve')).toEqual({
      construct: 'ev.solve',
      text: "I can solve customers' problems without needless obstacles",
      mean: 75,
    });
    expect(january.json().comments.texts).toHaveLength(12);
  });

  it("defaults the team page to the viewer's unit; 403 outside their scope, 404 for unknown units", async () => {
    const own = await employeeA1.request('GET', '/api/v1/employee-results/team-pulse');
    expect(own.statusCode).toBe(200);
    expect(own.json().unit.id).toBe(u.A1);
    expect(
      (await managerA.request('GET', `/api/v1/employee-results/team-pulse?unitId=${u.C}`))
        .statusCode,
    ).toBe(403);
    expect(
      (await employeeA1.request('GET', `/api/v1/employee-results/team-pulse?unitId=${u.A}`))
        .statusCode,
    ).toBe(403);
    expect(
      (await admin.request('GET', `/api/v1/employee-results/team-pulse?unitId=${otherUnitId}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await otherAdmin.request('GET', `/api/v1/employee-results/team-pulse?unitId=${u.C}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await admin.request('GET', '/api/v1/employee-results/team-pulse')).json().errors[0].field,
    ).toBe('query.unitId');
  });

  it('reports internal service by the rated back-office unit, to whoever may see it', async () => {
    const res = await executive.request(
      'GET',
      '/api/v1/employee-results/internal-service?scope=unit',
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rows.map((r: { unitId: string }) => r.unitId)).toEqual([u.B]);
    expect(body.rows[0].cell).toEqual({ status: 'shown', n: 8, means: { isq: 68.75 } });
    expect(body.rows[0].comments).toEqual({ status: 'suppressed' });
    const manager = await managerA.request('GET', '/api/v1/employee-results/internal-service');
    expect(manager.json().rows).toEqual([]);
  });

  it('shows upward results to executives only', async () => {
    const res = await executive.request('GET', '/api/v1/employee-results/upward?scope=unit');
    expect(res.statusCode).toBe(200);
    const row = res.json().rows.find((r: { unitId: string }) => r.unitId === u.A);
    expect(row.cell).toMatchObject({ status: 'shown', n: 5, means: { upward: 60 } });
    expect((await managerA.request('GET', '/api/v1/employee-results/upward')).statusCode).toBe(403);
  });

  it('puts no number for a group below k in any results body, for any viewer', async () => {
    const urls = [
      ...['unit', 'subtree'].flatMap((scope) =>
        Object.keys(tenureFilterBands).map(
          (tenure) =>
            `/employee-results/heatmap?period=2026-01&scope=${scope}&tenure=${encodeURIComponent(tenure)}`,
        ),
      ),
      ...Object.values(u).map((id) => `/employee-results/team-pulse?unitId=${id}&periods=3`),
      '/employee-results/internal-service',
      '/employee-results/upward?scope=unit',
    ];
    for (const who of [admin, executive, managerA, employeeA1]) {
      for (const url of urls) {
        const res = await who.request('GET', `/api/v1${url}`);
        if (res.statusCode !== 200) continue;
        expectNoSmallGroups(res.json(), 5, url);
      }
    }
  });

  it('re-releases every released wave with more suppression when k is raised', async () => {
    const db = t.database.db;
    const patch = await admin.request('PATCH', '/api/v1/organization', { minGroupSize: 8 });
    expect(patch.statusCode).toBe(200);
    const queued = await db
      .select()
      .from(jobs)
      .where(eq(jobs.queue, EMPLOYEE_RESULTS_RELEASE_QUEUE));
    expect(queued.length).toBe(4);
    // Until re-released, results computed with the old k are not served.
    const stale = await executive.request('GET', '/api/v1/employee-results/heatmap');
    expect(stale.statusCode).toBe(404);
    const worker = startWorker({
      db,
      pollMs: 60_000,
      handlers: { [EMPLOYEE_RESULTS_RELEASE_QUEUE]: runEmployeeResultsRelease },
    });
    await worker.drain();
    await worker.stop();
    expect((await cell('D', 'unit')).status).toBe('suppressed');
    const [wave] = await db
      .select()
      .from(pulseWaves)
      .where(and(eq(pulseWaves.id, pulse.waveId), eq(pulseWaves.orgId, orgId)));
    expect(wave?.releasedK).toBe(8);
    await releasedSets(8);
    const fresh = await executive.request('GET', '/api/v1/employee-results/heatmap?period=2026-01');
    expect(fresh.statusCode).toBe(200);
    expectNoSmallGroups(fresh.json(), 8, 'heatmap after raise');
  });

  it('refuses to lower k or k_c with 422 naming the field', async () => {
    const k = await admin.request('PATCH', '/api/v1/organization', { minGroupSize: 6 });
    expect(k.json().errors[0].field).toBe('body.minGroupSize');
    const kc = await admin.request('PATCH', '/api/v1/organization', { minCommentGroupSize: 9 });
    expect(kc.statusCode).toBe(422);
    expect(kc.json().errors[0].field).toBe('body.minCommentGroupSize');
  });
});

/** Every cell in a body: suppressed is exactly { status }, shown has n ≥ k; no stray counts. */
function expectNoSmallGroups(body: unknown, k: number, where: string): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.status === 'suppressed') expect(Object.keys(record), where).toEqual(['status']);
    if ('n' in record) expect(record.n as number, where).toBeGreaterThanOrEqual(k);
    for (const value of Object.values(record)) visit(value);
  };
  visit(body);
}
