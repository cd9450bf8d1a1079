import { and, count, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  credentials,
  customers,
  interactions,
  invitations,
  jobs,
  organizations,
  people,
  responseScores,
  responses,
  surveys,
  surveyVersions,
  units,
} from '../db/schema/index.ts';
import type { Answers } from '../responses/answers.ts';
import { scoreResponse } from '../responses/scoring.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import {
  DEMO_ORG_SLUG,
  DemoOrganizationExistsError,
  type LoadedDemo,
  loadDemoIfEmpty,
  loadDemoOrganization,
} from './load.ts';
import { DEMO_PASSWORD, demoLogins } from './logins.ts';

const asOf = new Date('2025-06-15T12:00:00Z');

describe.each(databaseKinds)('loading the demo organization on %s', (kind) => {
  let t: TestApp;
  let loaded: LoadedDemo;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const started = performance.now();
    const cpu = process.cpuUsage();
    // The first-start path: the database is empty, so the demo is loaded.
    loaded = (await loadDemoIfEmpty({ db: t.database.db, seed: 7 }))!;
    // Reported, not asserted: machines differ. PGlite runs in this process, so its CPU time
    // is the load's cost even when the machine is busy.
    const used = process.cpuUsage(cpu);
    console.info(
      `demo load on ${kind}: ${Math.round(performance.now() - started)} ms wall, ` +
        `${Math.round((used.user + used.system) / 1000)} ms CPU in this process; ` +
        JSON.stringify(loaded.counts),
    );
  });
  afterAll(() => t.close());

  it('inserts every generated unit, person and customer', async () => {
    const db = t.database.db;
    const where = (table: typeof units | typeof people | typeof customers) =>
      db.select({ n: count() }).from(table).where(eq(table.orgId, loaded.orgId));
    expect((await where(units))[0]!.n).toBe(loaded.data.units.length);
    expect((await where(people))[0]!.n).toBe(loaded.data.people.length);
    expect((await where(customers))[0]!.n).toBe(20_000);
    const [org] = await db
      .select()
      .from(organizations)
      .where(eq(organizations.slug, 'harbor-bank'));
    expect(org).toMatchObject({ name: 'Harbor Savings Bank', currency: 'USD' });
  });

  it('inserts the active customer-value survey and its history', async () => {
    const db = t.database.db;
    // The demo's customer survey (the case re-survey is another, archived one).
    const [survey] = await db
      .select()
      .from(surveys)
      .where(eq(surveys.id, loaded.feedback.surveyId));
    expect(survey).toMatchObject({ kind: 'customer', status: 'active' });
    expect(survey!.distribution).toMatchObject({ samplingRate: 0.3, quarantineDays: 30 });
    const versions = await db
      .select()
      .from(surveyVersions)
      .where(eq(surveyVersions.surveyId, survey!.id));
    expect(versions.map((v) => v.version)).toEqual([1]);
    expect(survey!.currentVersionId).toBe(versions[0]!.id);
    const n = async (table: typeof interactions | typeof invitations | typeof responses) =>
      (await db.select({ n: count() }).from(table).where(eq(table.orgId, loaded.orgId)))[0]!.n;
    const resurveys = loaded.loop.counts;
    expect(await n(interactions)).toBe(loaded.data.feedback.interactions.length);
    expect(await n(invitations)).toBe(
      loaded.data.feedback.invitations.length + resurveys.resurveyInvitations,
    );
    expect(await n(responses)).toBe(
      loaded.data.feedback.responses.length + resurveys.resurveyResponses,
    );
    expect(loaded.counts.responses).toBeGreaterThan(2000);
    const [answered] = await db
      .select({ n: count() })
      .from(invitations)
      .where(and(eq(invitations.orgId, loaded.orgId), isNotNull(invitations.completedAt)));
    expect(answered!.n).toBe(loaded.counts.responses + resurveys.resurveyResponses);
    // History is not replayed as live events (see README.md).
    const events = await db
      .select({ n: count() })
      .from(jobs)
      .where(eq(jobs.queue, 'event:response.received'));
    expect(events[0]!.n).toBe(0);
  });

  it('stores exactly the scores that ingestion would compute', async () => {
    const db = t.database.db;
    const sample = await db
      .select({ response: responses, interaction: interactions, version: surveyVersions })
      .from(responses)
      .innerJoin(interactions, eq(interactions.id, responses.interactionId))
      .innerJoin(surveyVersions, eq(surveyVersions.id, responses.surveyVersionId))
      .where(eq(responses.orgId, loaded.orgId))
      .limit(300);
    expect(sample.length).toBe(300);
    const items = await db
      .select()
      .from(responseScores)
      .where(
        inArray(
          responseScores.responseId,
          sample.map((s) => s.response.id),
        ),
      );
    for (const { response, interaction, version } of sample) {
      const scores = scoreResponse(version.definition, response.answers as Answers, interaction);
      expect(response).toMatchObject({
        status: 'complete',
        source: 'invitation',
        unitId: interaction.unitId,
        customerId: interaction.customerId,
        employeeId: interaction.employeeIds[0],
        cvi: scores.cvi === null ? null : expect.closeTo(scores.cvi, 3),
        nps: scores.nps,
        npsCategory: scores.npsCategory,
        csat: scores.csat === null ? null : expect.closeTo(scores.csat, 3),
        effort: scores.effort === null ? null : expect.closeTo(scores.effort, 3),
        retention: scores.retention === null ? null : expect.closeTo(scores.retention, 3),
        promiseBroken: scores.promiseBroken,
      });
      const stored = items.filter((i) => i.responseId === response.id);
      expect(Object.fromEntries(stored.map((i) => [i.construct, i.score]))).toEqual(scores.items);
      for (const thanked of response.thankedPersonIds)
        expect(interaction.employeeIds).toContain(thanked);
    }
  });

  it('sets a manager on every unit', async () => {
    const unmanaged = await t.database.db
      .select({ n: count() })
      .from(units)
      .where(and(eq(units.orgId, loaded.orgId), isNull(units.managerId)));
    expect(unmanaged[0]!.n).toBe(0);
  });

  it('lets the five demo logins sign in over HTTP with their roles', async () => {
    for (const login of demoLogins) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: login.email, password: DEMO_PASSWORD },
      });
      expect(res.statusCode, login.email).toBe(200);
      expect(res.json().person.roles).toContain(login.role);
      expect(res.json().organization.slug).toBe(DEMO_ORG_SLUG);
    }
  });

  it('puts the demo manager and employee in the same branch, which the manager leads', async () => {
    const [manager] = await t.database.db
      .select()
      .from(people)
      .where(eq(people.email, 'manager@harbor.example'));
    const [employee] = await t.database.db
      .select()
      .from(people)
      .where(eq(people.email, 'employee@harbor.example'));
    const [branch] = await t.database.db.select().from(units).where(eq(units.id, manager!.unitId!));
    expect(branch).toMatchObject({ level: 'branch', managerId: manager!.id });
    expect(employee!.unitId).toBe(branch!.id);
  });

  it('shares one password hash across the demo credentials', async () => {
    const rows = await t.database.db
      .select({ hash: credentials.passwordHash })
      .from(credentials)
      .where(eq(credentials.orgId, loaded.orgId));
    expect(rows.length).toBe(loaded.counts.logins);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(1);
    expect(rows[0]!.hash).toMatch(/^\$argon2id\$/);
  });

  it('loads nothing on a later start, when an organization exists', async () => {
    expect(await loadDemoIfEmpty({ db: t.database.db })).toBeNull();
  });

  it('refuses to load twice, and replaces the organization with force', async () => {
    await expect(loadDemoOrganization({ db: t.database.db, seed: 7, asOf })).rejects.toBeInstanceOf(
      DemoOrganizationExistsError,
    );
    const again = await loadDemoOrganization({ db: t.database.db, seed: 8, asOf, force: true });
    expect(again.orgId).not.toBe(loaded.orgId);
    const orgs = await t.database.db.select().from(organizations);
    expect(orgs.map((o) => o.id)).toEqual([again.orgId]);
    const old = await t.database.db
      .select({ n: count() })
      .from(people)
      .where(eq(people.orgId, loaded.orgId));
    expect(old[0]!.n).toBe(0);
    const history = await t.database.db
      .select({ n: count() })
      .from(interactions)
      .where(eq(interactions.orgId, loaded.orgId));
    expect(history[0]!.n).toBe(0);
    // A second full load: generous on a busy machine.
  }, 300_000);
});
