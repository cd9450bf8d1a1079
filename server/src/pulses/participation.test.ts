import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, pulseParticipation, units } from '../db/schema/index.ts';
import { createSurvey, publishSurvey } from '../surveys/survey-service.ts';
import { createOrganization, createPerson, createUnit } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';
import { hiddenUnits } from './participation.ts';
import { createPulseProgram } from './program-service.ts';
import { launchWave } from './wave-service.ts';

describe('participation suppression', () => {
  const rows = (invited: number[]) =>
    invited.map((n, i) => ({
      unitId: `u${i}`,
      unitName: '',
      parentId: null,
      invited: n,
      responded: 0,
    }));

  it('hides units below k and, when they hold fewer than k together, the smallest shown too', () => {
    expect([...hiddenUnits(rows([6, 2, 7]), 5)].sort()).toEqual(['u0', 'u1']);
    expect([...hiddenUnits(rows([6, 2, 3, 7]), 5)].sort()).toEqual(['u1', 'u2']);
    expect([...hiddenUnits(rows([6, 9, 7]), 5)]).toEqual([]);
    expect([...hiddenUnits(rows([1, 6]), 5)].sort()).toEqual(['u0', 'u1']);
  });

  it('never leaves the hidden units of a wave of k or more holding 1 to k − 1 invitees', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 30 }),
        fc.integer({ min: 3, max: 12 }),
        (invited, k) => {
          const all = rows(invited);
          const hidden = hiddenUnits(all, k);
          const sum = all.filter((r) => hidden.has(r.unitId)).reduce((s, r) => s + r.invited, 0);
          const total = all.reduce((s, r) => s + r.invited, 0);
          // A wave with fewer than k invitees in all hides every unit.
          if (total < k) expect(hidden.size).toBe(all.length);
          else expect(sum === 0 || sum >= k).toBe(true);
          for (const r of all) if (r.invited < k) expect(hidden.has(r.unitId)).toBe(true);
        },
      ),
    );
  });
});

describe.each(databaseKinds)('wave participation on %s', (kind) => {
  let t: TestApp;
  let admin: SignedIn;
  let managerOfZ: SignedIn;
  let waveId: string;
  const u: Record<string, string> = {};

  /** Root with X (6 invitees), Y (2) and Z (7, 4 of them answered); k = 5. */
  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const orgId = (await createOrganization(db, { minGroupSize: 5 })).id;
    u.root = (await createUnit(db, orgId, { name: 'Root' })).id;
    for (const [name, size] of [
      ['X', 6],
      ['Y', 2],
      ['Z', 7],
    ] as const) {
      u[name] = (await createUnit(db, orgId, { name, parentId: u.root })).id;
      for (let i = 0; i < size; i++) await createPerson(db, orgId, { unitId: u[name] });
    }
    const boss = await createPerson(db, orgId, { roles: ['admin'] });
    admin = await signInAs(t.app, boss.email);
    const zLead = await createPerson(db, orgId, { roles: ['manager'], unitId: null });
    await db.update(units).set({ managerId: zLead.id }).where(eq(units.id, u.Z!));
    const survey = await createSurvey({
      db,
      orgId,
      actorId: boss.id,
      body: { kind: 'employee_pulse', name: 'Pulse', template: 'employee_pulse' },
    });
    await publishSurvey({ db, orgId, surveyId: survey.id, actorId: boss.id });
    const program = await createPulseProgram({
      db,
      orgId,
      actorId: boss.id,
      body: {
        name: 'Pulse',
        surveyId: survey.id,
        cadence: 'monthly',
        populationUnitId: null,
        openDays: 14,
        reminderAfterDays: null,
      },
    });
    const wave = await launchWave({
      db,
      orgId,
      programId: program.id,
      publicUrl: 'https://x.test',
      actorId: boss.id,
    });
    waveId = wave.id;
    await db
      .update(pulseParticipation)
      .set({ responded: 4 })
      .where(eq(pulseParticipation.unitId, u.Z!));
    // Z's manager joins Z after the launch (so Z keeps 7 invitees); visibility follows unit_id.
    await db.update(people).set({ unitId: u.Z! }).where(eq(people.id, zLead.id));
    managerOfZ = await signInAs(t.app, zLead.email);
  });
  afterAll(() => t.close());

  it('shows counts of units with at least k invitees and hides the rest as small groups', async () => {
    const res = await admin.request('GET', `/api/v1/pulse-waves/${waveId}/participation`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.wave).toMatchObject({ id: waveId, invited: 15, responded: 4 });
    expect(body.rows).toEqual([
      {
        unitId: u.X,
        unitName: 'X',
        parentId: u.root,
        status: 'small_group',
        invited: null,
        responded: null,
        rate: null,
      },
      {
        unitId: u.Y,
        unitName: 'Y',
        parentId: u.root,
        status: 'small_group',
        invited: null,
        responded: null,
        rate: null,
      },
      {
        unitId: u.Z,
        unitName: 'Z',
        parentId: u.root,
        status: 'shown',
        invited: 7,
        responded: 4,
        rate: 4 / 7,
      },
    ]);
  });

  it('shows a manager only the units of their subtree', async () => {
    const res = await managerOfZ.request('GET', `/api/v1/pulse-waves/${waveId}/participation`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows.map((r: { unitId: string }) => r.unitId)).toEqual([u.Z]);
  });

  it('answers 404 to a wave id it does not know', async () => {
    const res = await admin.request(
      'GET',
      `/api/v1/pulse-waves/${crypto.randomUUID()}/participation`,
    );
    expect(res.statusCode).toBe(404);
  });
});
