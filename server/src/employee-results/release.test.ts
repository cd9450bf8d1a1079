import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, pulseWaves } from '../db/schema/index.ts';
import { startWorker } from '../jobs/worker.ts';
import { EMPLOYEE_RESULTS_RELEASE_QUEUE } from '../pulses/queues.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { releaseWaveResults, runEmployeeResultsRelease } from './release.ts';
import {
  createResultsWorld,
  expectNoSmallGroups,
  type ResultsWorld,
} from './testing/results-world.ts';

describe.each(databaseKinds)('releasing employee results on %s', (kind) => {
  let t: TestApp;
  let w: ResultsWorld;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await createResultsWorld(t);
  });
  afterAll(() => t.close());

  it('writes one row per unit × scope × tenure filter and suppresses groups below k', async () => {
    expect(await w.rowsOf(w.pulse.waveId)).toHaveLength(7 * 2 * 6);
    const small = await w.cell('A2', 'unit');
    expect(small).toMatchObject({ status: 'suppressed', n: null, means: null, comments: null });
    const [wave] = await t.database.db
      .select()
      .from(pulseWaves)
      .where(eq(pulseWaves.id, w.pulse.waveId));
    expect(wave).toMatchObject({ status: 'released', releasedK: 5, releasedKComments: 10 });
  });

  it('never shows a parent and its only large child when the other child is below k', async () => {
    const parent = await w.cell('A', 'subtree');
    const child = await w.cell('A1', 'subtree');
    expect([parent.status, child.status]).toContain('suppressed');
  });

  it('never shows a tenure filter together with a complement below k', async () => {
    const all = await w.cell('A1', 'unit');
    const longTenure = await w.cell('A1', 'unit', '1-3y');
    expect([all.status, longTenure.status]).toContain('suppressed');
    expect((await w.cell('A1', 'unit', 'newcomers')).status).toBe('suppressed');
  });

  it('lets no combination of released cells isolate fewer than k responses', async () => {
    const { shown } = await w.releasedSets(5);
    expect(shown.length).toBeGreaterThan(0);
  });

  it('shows comments only for groups of at least k_c, shuffled texts only', async () => {
    const big = await w.cell('C', 'unit');
    expect(big.status).toBe('shown');
    expect(big.comments).toHaveLength(12);
    expect(new Set(big.comments)).toEqual(new Set(['C says']));
    const medium = await w.cell('D', 'unit');
    expect(medium).toMatchObject({ status: 'shown', n: 7, comments: null });
  });

  it('keeps item construct means next to the indices', async () => {
    const big = await w.cell('C', 'unit');
    expect(big.means).toMatchObject({ evi: 60, 'ev.solve': 75, enps: 0 });
  });

  it('replaces the same rows when the release runs again', async () => {
    const strip = (rows: Awaited<ReturnType<typeof w.rowsOf>>) =>
      rows
        .map(({ id: _id, ...rest }) => rest)
        .sort((a, b) =>
          `${a.unitId}${a.scope}${a.tenure}`.localeCompare(`${b.unitId}${b.scope}${b.tenure}`),
        );
    const before = strip(await w.rowsOf(w.pulse.waveId));
    await releaseWaveResults({ db: t.database.db, waveId: w.pulse.waveId });
    expect(strip(await w.rowsOf(w.pulse.waveId))).toEqual(before);
  });

  it('re-releases every released wave with more suppression when k is raised', async () => {
    const db = t.database.db;
    const patch = await w.admin.request('PATCH', '/api/v1/organization', { minGroupSize: 8 });
    expect(patch.statusCode).toBe(200);
    const queued = await db
      .select()
      .from(jobs)
      .where(eq(jobs.queue, EMPLOYEE_RESULTS_RELEASE_QUEUE));
    expect(queued.length).toBe(4);
    // Until re-released, results computed with the old k are not served.
    const stale = await w.executive.request('GET', '/api/v1/employee-results/heatmap');
    expect(stale.statusCode).toBe(404);
    const worker = startWorker({
      db,
      pollMs: 60_000,
      handlers: { [EMPLOYEE_RESULTS_RELEASE_QUEUE]: runEmployeeResultsRelease },
    });
    await worker.drain();
    await worker.stop();
    expect((await w.cell('D', 'unit')).status).toBe('suppressed');
    const [wave] = await db
      .select()
      .from(pulseWaves)
      .where(and(eq(pulseWaves.id, w.pulse.waveId), eq(pulseWaves.orgId, w.orgId)));
    expect(wave?.releasedK).toBe(8);
    await w.releasedSets(8);
    const fresh = await w.executive.request(
      'GET',
      '/api/v1/employee-results/heatmap?period=2026-01',
    );
    expect(fresh.statusCode).toBe(200);
    expectNoSmallGroups(fresh.json(), 8, 'heatmap after raise');
  });

  it('refuses to lower k or k_c with 422 naming the field', async () => {
    const k = await w.admin.request('PATCH', '/api/v1/organization', { minGroupSize: 6 });
    expect(k.json().errors[0].field).toBe('body.minGroupSize');
    const kc = await w.admin.request('PATCH', '/api/v1/organization', { minCommentGroupSize: 9 });
    expect(kc.statusCode).toBe(422);
    expect(kc.json().errors[0].field).toBe('body.minCommentGroupSize');
  });
});
