import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { differenceAttack, exposedResponses } from '../../confidentiality/testing/attacker.ts';
import type { TenureBand } from '../../confidentiality/types.ts';
import { employeeResults } from '../../db/schema/index.ts';
import { createOrganization, createPerson, createUnit } from '../../testing/factories.ts';
import type { TestApp } from '../../testing/harness.ts';
import { type SignedIn, signInAs } from '../../testing/http-client.ts';
import { releaseWaveResults } from '../release.ts';
import { tenureFilterBands } from '../release-cells.ts';
import {
  type ClosedWave,
  createClosedWave,
  createEmployeeSurvey,
  insertEmployeeResponses,
  type ResponseSpec,
} from '../test-fixtures.ts';

type Spec = ResponseSpec & { count: number };

/**
 * A small organization with released employee results, shared by the release and API tests:
 *
 *   HQ ─┬─ A region ─┬─ A1 team  10 (8 of 1–3y with comments, 2 newcomers)
 *       │            └─ A2 team   3 (below k)
 *       ├─ B back office          rated 8 times by C and D (internal service)
 *       ├─ C team                12 with comments (≥ k_c), 6 more in February
 *       └─ D team                 7 with comments (< k_c)
 *
 * k = 5, k_c = 10. Upward: A rated 5 times.
 */
export interface ResultsWorld {
  orgId: string;
  u: Record<string, string>;
  pulse: ClosedWave;
  pulseSurveyId: string;
  admin: SignedIn;
  executive: SignedIn;
  managerA: SignedIn;
  employeeA1: SignedIn;
  otherAdmin: SignedIn;
  otherUnitId: string;
  /** The released rows of the January pulse. */
  rowsOf(waveId: string): Promise<(typeof employeeResults.$inferSelect)[]>;
  /** One released January pulse cell, by unit letter. */
  cell(
    unit: string,
    scope: 'unit' | 'subtree',
    tenure?: string,
  ): Promise<typeof employeeResults.$inferSelect>;
  /** Checks the released January family against an independent attacker at k. */
  releasedSets(k: number): Promise<{ shown: unknown[]; sets: number[][] }>;
}

export async function createResultsWorld(t: TestApp): Promise<ResultsWorld> {
  const u: Record<string, string> = {};
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

  const db = t.database.db;
  const orgId = (await createOrganization(db, { minGroupSize: 5, minCommentGroupSize: 10 })).id;
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
  const parentOf = new Map([
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
  const admin = await signInAs(t.app, a.email);
  const executive = await signInAs(t.app, (await person(['executive'])).email);
  const managerA = await signInAs(t.app, (await person(['manager'], u.A)).email);
  const employeeA1 = await signInAs(t.app, (await person(['employee'], u.A1)).email);
  const other = await createOrganization(db);
  const otherUnitId = (await createUnit(db, other.id)).id;
  const otherAdmin = await signInAs(
    t.app,
    (await createPerson(db, other.id, { roles: ['admin'] })).email,
  );

  const pulseSurvey = await createEmployeeSurvey(db, {
    orgId,
    actorId: a.id,
    kind: 'employee_pulse',
  });
  const pulseSurveyId = pulseSurvey.surveyId;
  const pulse = await createClosedWave(db, { orgId, ...pulseSurvey, period: '2026-01' });
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

  return {
    orgId,
    u,
    pulse,
    pulseSurveyId,
    admin,
    executive,
    managerA,
    employeeA1,
    otherAdmin,
    otherUnitId,
    rowsOf,
    cell,
    releasedSets,
  };
}

/** Every cell in a body: suppressed is exactly { status }, shown has n ≥ k; no stray counts. */
export function expectNoSmallGroups(body: unknown, k: number, where: string): void {
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
