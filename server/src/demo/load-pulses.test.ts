import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  employeeResponses,
  employeeResults,
  jobs,
  pulseInvitations,
  pulseParticipation,
  pulsePrograms,
  pulseWaves,
} from '../db/schema/index.ts';
import { releaseWaveResults } from '../employee-results/release.ts';
import { scoreEmployeeResponse } from '../pulses/indices.ts';
import { EMPLOYEE_RESULTS_RELEASE_QUEUE } from '../pulses/queues.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type LoadedDemo, loadDemoOrganization } from './load.ts';
import { insertDemoPulses } from './load-pulses.ts';

const asOf = new Date('2025-06-20T12:00:00Z');

describe.each(databaseKinds)('loading the demo pulses on %s', (kind) => {
  let t: TestApp;
  let loaded: LoadedDemo;
  beforeAll(async () => {
    t = await createTestApp(kind);
    // No customer history (scale 0): only the organization, people and employee voice.
    loaded = await loadDemoOrganization({
      db: t.database.db,
      seed: 42,
      asOf,
      scale: 0,
      customerCount: 50,
    });
  });
  afterAll(() => t.close());

  it('stores every program with closed waves, participation and responses, and no invitations', async () => {
    const db = t.database.db;
    const orgId = loaded.orgId;
    const n = async (
      table:
        | typeof pulseWaves
        | typeof pulseParticipation
        | typeof employeeResponses
        | typeof pulseInvitations
        | typeof pulsePrograms,
    ) => Number((await db.select({ n: count() }).from(table).where(eq(table.orgId, orgId)))[0]!.n);
    const programs = loaded.data.pulses.programs;
    const waves = programs.flatMap((p) => p.waves);
    expect(await n(pulsePrograms)).toBe(3);
    expect(await n(pulseWaves)).toBe(waves.length);
    expect(await n(pulseParticipation)).toBe(waves.reduce((s, w) => s + w.participation.length, 0));
    expect(await n(employeeResponses)).toBe(waves.reduce((s, w) => s + w.responses.length, 0));
    expect(await n(pulseInvitations)).toBe(0);
    const statuses = await db
      .selectDistinct({ s: pulseWaves.status })
      .from(pulseWaves)
      .where(eq(pulseWaves.orgId, orgId));
    expect(statuses).toEqual([{ s: 'closed' }]);
  });

  it('stores the scores scoreEmployeeResponse computes for the generated answers', async () => {
    const db = t.database.db;
    const program = loaded.data.pulses.programs[0]!;
    const wave = program.waves[12]!;
    const waveId = loaded.pulses.programs[0]!.waveIds[12]!;
    const stored = await db
      .select({
        scores: employeeResponses.scores,
        comment: employeeResponses.comment,
        period: employeeResponses.period,
      })
      .from(employeeResponses)
      .where(eq(employeeResponses.waveId, waveId));
    const canonical = (s: Record<string, number>) => JSON.stringify(Object.entries(s).sort());
    expect(stored.map((r) => canonical(r.scores)).sort()).toEqual(
      wave.responses
        .map((r) => canonical(scoreEmployeeResponse(program.definition, r.answers)))
        .sort(),
    );
    expect(new Set(stored.map((r) => r.period))).toEqual(new Set([wave.period]));
    expect(stored.filter((r) => r.comment !== null).length).toBe(
      wave.responses.filter((r) => r.answers.comment).length,
    );
  });

  it('queues one release job per wave, and a release shows large groups and suppresses small ones', async () => {
    const db = t.database.db;
    const queued = await db
      .select({ payload: jobs.payload })
      .from(jobs)
      .where(and(eq(jobs.queue, EMPLOYEE_RESULTS_RELEASE_QUEUE), eq(jobs.orgId, loaded.orgId)));
    const waveIds = loaded.pulses.programs.flatMap((p) => p.waveIds);
    expect(queued.map((j) => (j.payload as { waveId: string }).waveId).sort()).toEqual(
      [...waveIds].sort(),
    );

    const last = loaded.pulses.programs[0]!.waveIds.at(-1)!;
    const summary = await releaseWaveResults({ db, waveId: last });
    expect(summary.shown).toBeGreaterThan(0);
    expect(summary.cells - summary.shown).toBeGreaterThan(0);
    const region = loaded.ids.units.get(
      loaded.data.units.find((u) => u.level === 'region')!.externalId,
    )!;
    const [regionAlone] = await db
      .select({ status: employeeResults.status, n: employeeResults.n })
      .from(employeeResults)
      .where(
        and(
          eq(employeeResults.waveId, last),
          eq(employeeResults.unitId, region),
          eq(employeeResults.scope, 'unit'),
          eq(employeeResults.tenure, 'all'),
        ),
      );
    expect(regionAlone).toEqual({ status: 'suppressed', n: null });
  });

  it('inserts the pulses quickly (printed, not asserted)', async () => {
    const db = t.database.db;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const rollback = new Error('roll back the timing run');
    let counts = {};
    await db
      .transaction(async (tx) => {
        const result = await insertDemoPulses(tx, loaded.data.pulses, {
          orgId: loaded.orgId,
          units: loaded.ids.units,
          publisherId: loaded.ids.people.values().next().value!,
        });
        counts = result.counts;
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    const used = process.cpuUsage(cpu);
    console.info(
      `demo pulses insert on ${kind}: ${Math.round(performance.now() - started)} ms wall, ` +
        `${Math.round((used.user + used.system) / 1000)} ms CPU in this process; ${JSON.stringify(counts)}`,
    );
  });
});
