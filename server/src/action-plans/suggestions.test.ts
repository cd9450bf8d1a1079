import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.ts';
import {
  createCase,
  createOrganization,
  createPerson,
  createResponse,
  createSurveyWithVersion,
  createUnit,
  customerValueAnswers,
} from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { signInAs } from '../testing/http-client.ts';
import { createReleasedPulseCell, createRootCause } from './test-fixtures.ts';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

describe.each(databaseKinds)('action plan suggestions on %s', (kind) => {
  let t: TestApp;
  let db: Db;
  let orgId: string;
  let version: Awaited<ReturnType<typeof createSurveyWithVersion>>['version'] & { orgId: string };

  beforeAll(async () => {
    t = await createTestApp(kind);
    db = t.database.db;
    orgId = (await createOrganization(db)).id;
    version = { ...(await createSurveyWithVersion(db, orgId)).version, orgId };
  });
  afterAll(() => t.close());

  async function branchWithTeam() {
    const branch = await createUnit(db, orgId, { level: 'branch' });
    const team = await createUnit(db, orgId, { parentId: branch.id });
    const sibling = await createUnit(db, orgId, { level: 'branch' });
    return { branch: branch.id, team: team.id, sibling: sibling.id };
  }

  const answer = (unitId: string, at: Date, nps: number, comment: string) =>
    createResponse(db, version, {
      unitId,
      submittedAt: at,
      answers: customerValueAnswers({ nps, comment }),
    });

  it('suggests the lowest shown pulse items, frequent root causes and detractors’ words', async () => {
    const u = await branchWithTeam();
    const manager = await createPerson(db, orgId, { roles: ['manager'], unitId: u.branch });
    const slow = await createRootCause(db, orgId, `Slow ${u.branch}`);
    const rude = await createRootCause(db, orgId, `Rude ${u.branch}`);
    const r = await answer(u.team, daysAgo(5), 1, 'Endless waiting, nobody at the counter');
    await answer(u.team, daysAgo(6), 2, 'The counter was closed, more waiting');
    await answer(u.team, daysAgo(7), 10, 'Counter counter counter: promoters do not count');
    await answer(u.sibling, daysAgo(7), 0, 'parking parking');
    await answer(u.sibling, daysAgo(8), 0, 'parking again');
    for (const cause of [slow, slow, rude]) {
      await createCase(db, {
        orgId,
        responseId: r.id,
        unitId: u.team,
        rootCauseId: cause.id,
        ruleId: null,
      });
    }
    await createReleasedPulseCell(db, {
      orgId,
      unitId: u.branch,
      releasedAt: daysAgo(20),
      means: { 'climate.tools': 35, 'ev.pay': 30, 'lead.support': 80, evi: 10, enps: -40 },
    });
    const client = await signInAs(t.app, manager.email);
    const res = await client.request('GET', `/api/v1/action-plans/suggestions?unitId=${u.branch}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.pulseItems.map((p: { link: { ref: string } }) => p.link.ref)).toEqual([
      'ev.pay',
      'climate.tools',
      'lead.support',
    ]);
    expect(body.rootCauses).toEqual([
      { link: { kind: 'root_cause', ref: slow.id }, label: slow.name, count: 2 },
      { link: { kind: 'root_cause', ref: rude.id }, label: rude.name, count: 1 },
    ]);
    expect(body.commentThemes.slice(0, 2)).toEqual([
      { link: { kind: 'customer_theme', ref: 'counter' }, label: 'counter', count: 2 },
      { link: { kind: 'customer_theme', ref: 'waiting' }, label: 'waiting', count: 2 },
    ]);
    expect(JSON.stringify(body)).not.toContain('parking');

    const outside = await client.request(
      'GET',
      `/api/v1/action-plans/suggestions?unitId=${u.sibling}`,
    );
    expect(outside.statusCode).toBe(403);
    const missing = await client.request('GET', '/api/v1/action-plans/suggestions');
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0].field).toBe('query.unitId');
  });
});
