import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../auth/secrets.ts';
import {
  employeeResponses,
  pulseConsumedTokens,
  pulseInvitations,
  pulseParticipation,
  pulseWaves,
  surveys,
  surveyVersions,
} from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import {
  createEmployeeWorld,
  type EmployeeWorld,
  pulseAnswers,
} from './page/testing/employee-world.ts';
import { submitEmployeeResponse, utcDay } from './submission.ts';

async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'none';
}

describe('utcDay', () => {
  it('is the calendar day in UTC, whatever the local time zone of the moment', () => {
    expect(utcDay(new Date('2026-03-01T23:30:00-05:00'))).toBe('2026-03-02');
    expect(utcDay(new Date('2026-03-02T00:00:00Z'))).toBe('2026-03-02');
  });
});

describe.each(databaseKinds)('submitEmployeeResponse on %s', (kind) => {
  let t: TestApp;
  let world: EmployeeWorld;
  const db = () => t.database.db;
  const responsesOf = (waveId: string) =>
    db().select().from(employeeResponses).where(eq(employeeResponses.waveId, waveId));
  const participationOf = async (waveId: string, unitId: string) => {
    const [row] = await db()
      .select()
      .from(pulseParticipation)
      .where(and(eq(pulseParticipation.waveId, waveId), eq(pulseParticipation.unitId, unitId)));
    return row;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    world = await createEmployeeWorld(t);
  });
  afterAll(() => t.close());

  it('stores the answers with unit, tenure band, period and day only, and consumes the link', async () => {
    const { token, invitation } = await world.invite(world.upward, world.ana, {
      tenureBand: '<3m',
    });
    const before = await participationOf(world.upward.id, world.branch.id);
    const result = await submitEmployeeResponse({
      db: db(),
      token,
      answers: { support: 4, comment: '  More coaching  ' },
      // 04:30 UTC the next day: the day stored is the UTC one.
      now: new Date('2026-03-01T23:30:00-05:00'),
    });
    expect(result).toEqual({ stored: 1 });
    const [row] = await responsesOf(world.upward.id);
    expect(row).toMatchObject({
      orgId: world.org.id,
      surveyVersionId: world.upward.surveyVersionId,
      unitId: world.branch.id,
      subjectUnitId: null,
      period: world.upward.period,
      tenureBand: '<3m',
      scores: { 'upward.support': 75, upward_support: 75, upward: 75 },
      comment: 'More coaching',
    });
    expect(row!.submittedOn).toBe('2026-03-02');
    const left = await db()
      .select()
      .from(pulseInvitations)
      .where(eq(pulseInvitations.id, invitation.id));
    expect(left).toEqual([]);
    const consumed = await db()
      .select()
      .from(pulseConsumedTokens)
      .where(eq(pulseConsumedTokens.tokenHash, sha256(token)));
    expect(consumed).toEqual([
      { tokenHash: sha256(token), orgId: world.org.id, waveId: world.upward.id },
    ]);
    const after = await participationOf(world.upward.id, world.branch.id);
    expect(after!.responded).toBe(before!.responded + 1);
    expect(after!.invited).toBe(before!.invited);
  });

  it('two concurrent submits of one link store exactly one response; the others are told it was answered', async () => {
    const { token } = await world.invite(world.pulse);
    const count = (await responsesOf(world.pulse.id)).length;
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () =>
        errorCodeOf(submitEmployeeResponse({ db: db(), token, answers: pulseAnswers })),
      ),
    );
    expect(outcomes.sort()).toEqual(['conflict', 'conflict', 'conflict', 'none']);
    expect(await responsesOf(world.pulse.id)).toHaveLength(count + 1);
  });

  it('refuses forged, used and closed links, and wrong answers, writing nothing', async () => {
    const submit = (token: string, answers: Record<string, unknown> = pulseAnswers) =>
      errorCodeOf(submitEmployeeResponse({ db: db(), token, answers }));
    const count = (await responsesOf(world.pulse.id)).length;
    expect(await submit('not a token')).toBe('not_found');
    expect(await submit('A'.repeat(43))).toBe('not_found');

    const used = await world.invite(world.pulse);
    expect(await submit(used.token)).toBe('none');
    expect(await submit(used.token)).toBe('conflict');

    const expired = await world.invite(world.pulse, undefined, {
      expiresAt: new Date(Date.now() - 1),
    });
    expect(await submit(expired.token)).toBe('gone');

    const wrong = await world.invite(world.pulse);
    expect(await submit(wrong.token, { solve: 9 })).toBe('validation_failed');
    expect(await submit(wrong.token, {})).toBe('validation_failed');
    expect(await responsesOf(world.pulse.id)).toHaveLength(count + 1);
    const [still] = await db()
      .select({ id: pulseInvitations.id })
      .from(pulseInvitations)
      .where(eq(pulseInvitations.id, wrong.invitation.id));
    expect(still).toBeDefined();
  });

  it('a wave that is closed, or past its closing time, takes no more answers', async () => {
    const world2 = await createEmployeeWorld(t);
    const { token } = await world2.invite(world2.pulse);
    const late = new Date(world2.pulse.closesAt.getTime() + 1);
    expect(
      await errorCodeOf(
        submitEmployeeResponse({
          db: db(),
          token,
          answers: pulseAnswers,
          now: late,
        }),
      ),
    ).toBe('gone');
    await db()
      .update(pulseWaves)
      .set({ status: 'closed' })
      .where(eq(pulseWaves.id, world2.pulse.id));
    expect(
      await errorCodeOf(submitEmployeeResponse({ db: db(), token, answers: pulseAnswers })),
    ).toBe('gone');
  });

  it("validates against the wave's pinned survey version, not the survey's newest", async () => {
    const world3 = await createEmployeeWorld(t);
    const [pinned] = await db()
      .select()
      .from(surveyVersions)
      .where(eq(surveyVersions.id, world3.upward.surveyVersionId));
    const changed = {
      ...pinned!.definition,
      questions: [{ ...pinned!.definition.questions[0]!, id: 'renamed' }],
    };
    const [v2] = await db()
      .insert(surveyVersions)
      .values({ orgId: world3.org.id, surveyId: pinned!.surveyId, version: 2, definition: changed })
      .returning();
    await db()
      .update(surveys)
      .set({ currentVersionId: v2!.id })
      .where(eq(surveys.id, pinned!.surveyId));
    const { token } = await world3.invite(world3.upward);
    const result = await submitEmployeeResponse({
      db: db(),
      token,
      answers: { support: 5 },
    });
    expect(result.stored).toBe(1);
  });
});
