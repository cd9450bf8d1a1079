import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import type { SignedIn } from '../testing/http-client.ts';
import { tenureFilterBands } from './release-cells.ts';
import {
  createResultsWorld,
  expectNoSmallGroups,
  type ResultsWorld,
} from './testing/results-world.ts';

describe.each(databaseKinds)('employee results API on %s', (kind) => {
  let t: TestApp;
  let w: ResultsWorld;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await createResultsWorld(t);
  });
  afterAll(() => t.close());

  it('shows executives every unit in tree order with depth', async () => {
    const res = await w.executive.request('GET', '/api/v1/employee-results/heatmap');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      surveyId: w.pulseSurveyId,
      period: '2026-02',
      periods: ['2026-01', '2026-02'],
    });
    expect(body.indices).toContain('evi');
    const names = ['R', 'A', 'A1', 'A2', 'B', 'C', 'D'];
    expect(body.rows.map((r: { unitId: string }) => r.unitId)).toEqual(names.map((n) => w.u[n]));
    expect(body.rows.map((r: { depth: number }) => r.depth)).toEqual([0, 1, 2, 2, 1, 1, 1]);
  });

  it('shows a manager their subtree and an employee their own unit only', async () => {
    const url = '/api/v1/employee-results/heatmap?period=2026-01&scope=unit';
    const ids = async (who: SignedIn) =>
      (await who.request('GET', url)).json().rows.map((r: { unitId: string }) => r.unitId);
    expect(await ids(w.managerA)).toEqual([w.u.A, w.u.A1, w.u.A2]);
    expect(await ids(w.employeeA1)).toEqual([w.u.A1]);
  });

  it('answers a period without released results with 404 naming the period', async () => {
    const res = await w.admin.request('GET', '/api/v1/employee-results/heatmap?period=2025-12');
    expect(res.statusCode).toBe(404);
    expect(res.json().errors[0].field).toBe('query.period');
  });

  it('refuses the upward survey on the heatmap with 422 naming surveyId', async () => {
    const upward = await w.executive.request('GET', '/api/v1/employee-results/upward');
    const res = await w.managerA.request(
      'GET',
      `/api/v1/employee-results/heatmap?surveyId=${upward.json().surveyId}`,
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('query.surveyId');
  });

  it("gives a team's trend, item breakdown with the pinned wording, comments and newcomers", async () => {
    const res = await w.executive.request(
      'GET',
      `/api/v1/employee-results/team-pulse?unitId=${w.u.C}&scope=unit`,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unit).toEqual({ id: w.u.C, name: 'C team' });
    expect(body.trend.map((p: { period: string }) => p.period)).toEqual(['2026-01', '2026-02']);
    expect(body.trend[1].cell).toMatchObject({ status: 'shown', n: 6, means: { evi: 70 } });
    expect(body.comments).toEqual({ status: 'suppressed' });
    expect(body.newcomers).toEqual({ status: 'suppressed' });
    const january = await w.executive.request(
      'GET',
      `/api/v1/employee-results/team-pulse?unitId=${w.u.C}&scope=unit&period=2026-01`,
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
    const own = await w.employeeA1.request('GET', '/api/v1/employee-results/team-pulse');
    expect(own.statusCode).toBe(200);
    expect(own.json().unit.id).toBe(w.u.A1);
    expect(
      (await w.managerA.request('GET', `/api/v1/employee-results/team-pulse?unitId=${w.u.C}`))
        .statusCode,
    ).toBe(403);
    expect(
      (await w.employeeA1.request('GET', `/api/v1/employee-results/team-pulse?unitId=${w.u.A}`))
        .statusCode,
    ).toBe(403);
    expect(
      (await w.admin.request('GET', `/api/v1/employee-results/team-pulse?unitId=${w.otherUnitId}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await w.otherAdmin.request('GET', `/api/v1/employee-results/team-pulse?unitId=${w.u.C}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await w.admin.request('GET', '/api/v1/employee-results/team-pulse')).json().errors[0].field,
    ).toBe('query.unitId');
  });

  it('reports internal service by the rated back-office unit, to whoever may see it', async () => {
    const res = await w.executive.request(
      'GET',
      '/api/v1/employee-results/internal-service?scope=unit',
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rows.map((r: { unitId: string }) => r.unitId)).toEqual([w.u.B]);
    expect(body.rows[0].cell).toEqual({ status: 'shown', n: 8, means: { isq: 68.75 } });
    expect(body.rows[0].comments).toEqual({ status: 'suppressed' });
    const manager = await w.managerA.request('GET', '/api/v1/employee-results/internal-service');
    expect(manager.json().rows).toEqual([]);
  });

  it('shows upward results to executives only', async () => {
    const res = await w.executive.request('GET', '/api/v1/employee-results/upward?scope=unit');
    expect(res.statusCode).toBe(200);
    const row = res.json().rows.find((r: { unitId: string }) => r.unitId === w.u.A);
    expect(row.cell).toMatchObject({ status: 'shown', n: 5, means: { upward: 60 } });
    expect((await w.managerA.request('GET', '/api/v1/employee-results/upward')).statusCode).toBe(
      403,
    );
  });

  it('puts no number for a group below k in any results body, for any viewer', async () => {
    const urls = [
      ...['unit', 'subtree'].flatMap((scope) =>
        Object.keys(tenureFilterBands).map(
          (tenure) =>
            `/employee-results/heatmap?period=2026-01&scope=${scope}&tenure=${encodeURIComponent(tenure)}`,
        ),
      ),
      ...Object.values(w.u).map((id) => `/employee-results/team-pulse?unitId=${id}&periods=3`),
      '/employee-results/internal-service',
      '/employee-results/upward?scope=unit',
    ];
    for (const who of [w.admin, w.executive, w.managerA, w.employeeA1]) {
      for (const url of urls) {
        const res = await who.request('GET', `/api/v1${url}`);
        // Org-wide viewers get every body; others may be refused (403), never shown less.
        if (who === w.admin || who === w.executive) expect(res.statusCode, url).toBe(200);
        if (res.statusCode !== 200) {
          expect(res.statusCode, url).toBe(403);
          continue;
        }
        expectNoSmallGroups(res.json(), 5, url);
      }
    }
  });
});
