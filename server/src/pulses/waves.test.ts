import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../auth/secrets.ts';
import type { Db } from '../db/client.ts';
import {
  employeeResponses,
  jobs,
  outboxMessages,
  pulseConsumedTokens,
  pulseInvitations,
  pulseParticipation,
  pulseWaves,
} from '../db/schema/index.ts';
import { createJobHandlers } from '../jobs/handlers.ts';
import { startWorker } from '../jobs/worker.ts';
import { createSurvey, publishSurvey } from '../surveys/survey-service.ts';
import { createOrganization, createPerson, createUnit } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp, testConfig } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';
import { createPulseProgram } from './program-service.ts';
import {
  EMPLOYEE_RESULTS_RELEASE_QUEUE,
  PULSE_CLOSE_QUEUE,
  PULSE_REMIND_QUEUE,
  PULSE_SCHEDULE_QUEUE,
} from './queues.ts';
import { remindWave } from './reminders.ts';
import { nextScheduleRun, openDueWaves, schedulePulses } from './scheduler.ts';

const DAY = 86_400_000;
const tokenOf = (body: string) => /\/e\/([A-Za-z0-9_-]+)/.exec(body)?.[1] ?? '';

describe.each(databaseKinds)('pulse waves on %s', (kind) => {
  let t: TestApp;
  let db: Db;
  let admin: SignedIn;
  let orgId: string;
  let actorId: string;
  let surveyId: string;
  const staffEmails: string[] = [];

  const newProgram = async (extra: { cadence?: 'monthly' | 'quarterly' } = {}) =>
    createPulseProgram({
      db,
      orgId,
      actorId,
      body: {
        name: 'Team pulse',
        surveyId,
        cadence: extra.cadence ?? 'monthly',
        populationUnitId: null,
        openDays: 14,
        reminderAfterDays: 5,
      },
    });
  const launch = (programId: string, body: object = {}) =>
    admin.request('POST', `/api/v1/pulse-programs/${programId}/waves`, body);
  const mailsTo = async (waveStart: Date) =>
    db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.orgId, orgId), sql`${outboxMessages.createdAt} >= ${waveStart}`),
      );
  const jobsOf = (queue: string, waveId: string) =>
    db
      .select()
      .from(jobs)
      .where(and(eq(jobs.queue, queue), sql`${jobs.payload}->>'waveId' = ${waveId}`));

  beforeAll(async () => {
    t = await createTestApp(kind);
    db = t.database.db;
    orgId = (await createOrganization(db)).id;
    const a = await createUnit(db, orgId, { name: 'A' });
    const b = await createUnit(db, orgId, { name: 'B', parentId: a.id });
    for (let i = 0; i < 6; i++) {
      const person = await createPerson(db, orgId, { unitId: i < 4 ? a.id : b.id });
      staffEmails.push(person.email);
    }
    await createPerson(db, orgId, { unitId: a.id, exitDate: '2020-01-01' });
    const boss = await createPerson(db, orgId, { roles: ['admin'] });
    actorId = boss.id;
    admin = await signInAs(t.app, boss.email);
    const survey = await createSurvey({
      db,
      orgId,
      actorId,
      body: { kind: 'employee_pulse', name: 'Pulse', template: 'employee_pulse' },
    });
    await publishSurvey({ db, orgId, surveyId: survey.id, actorId });
    surveyId = survey.id;
  });
  afterAll(() => t.close());

  it('opens a wave: invitations, participation per unit, one e-mail each, reminder and close jobs', async () => {
    const program = await newProgram();
    const before = new Date(Date.now() - 1000);
    const res = await launch(program.id);
    expect(res.statusCode, res.body).toBe(201);
    const wave = res.json();
    expect(wave).toMatchObject({ programId: program.id, status: 'open', invited: 6, responded: 0 });
    expect(wave.period).toBe(new Date().toISOString().slice(0, 7));
    const opensAt = new Date(wave.opensAt).getTime();
    expect(new Date(wave.closesAt).getTime() - opensAt).toBe(14 * DAY);

    const invitations = await db
      .select()
      .from(pulseInvitations)
      .where(eq(pulseInvitations.waveId, wave.id));
    expect(invitations).toHaveLength(6);
    for (const i of invitations) {
      expect(i.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(i.expiresAt.toISOString()).toBe(wave.closesAt);
      expect(i.tenureBand).toBe('1-3y');
    }
    const participation = await db
      .select({ invited: pulseParticipation.invited, responded: pulseParticipation.responded })
      .from(pulseParticipation)
      .where(eq(pulseParticipation.waveId, wave.id));
    expect(participation.map((p) => p.invited).sort()).toEqual([2, 4]);

    const mails = await mailsTo(before);
    expect(mails.map((m) => m.toAddress).sort()).toEqual([...staffEmails].sort());
    const hashes = new Set(invitations.map((i) => i.tokenHash));
    for (const m of mails) {
      expect(m.bodyText).toContain('http://127.0.0.1:3000/e/');
      expect(m.bodyText).toMatch(/anonymous/);
      expect(hashes.has(sha256(tokenOf(m.bodyText)))).toBe(true);
    }
    const [remind] = await jobsOf(PULSE_REMIND_QUEUE, wave.id);
    expect(remind!.runAt.getTime()).toBe(opensAt + 5 * DAY);
    const [close] = await jobsOf(PULSE_CLOSE_QUEUE, wave.id);
    expect(close!.runAt.toISOString()).toBe(wave.closesAt);

    const list = await admin.request('GET', `/api/v1/pulse-programs/${program.id}/waves`);
    expect(list.json().items).toEqual([wave]);
  });

  it('answers 409 naming period to a second wave for the same period', async () => {
    const program = await newProgram();
    expect((await launch(program.id)).statusCode).toBe(201);
    const res = await launch(program.id, { period: new Date().toISOString().slice(0, 7) });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].field).toBe('body.period');
  });

  it('rejects a badly written or future period, and a paused program', async () => {
    const program = await newProgram({ cadence: 'quarterly' });
    for (const period of ['2026-13', '2999-01', '2025-02']) {
      const res = await launch(program.id, { period });
      expect(res.statusCode, period).toBe(422);
      expect(res.json().errors[0].field).toBe('body.period');
    }
    await admin.request('PATCH', `/api/v1/pulse-programs/${program.id}`, { status: 'paused' });
    const paused = await launch(program.id);
    expect(paused.statusCode).toBe(409);
  });

  it('scheduler opens exactly one wave per due program however often it runs', async () => {
    const monthly = await newProgram();
    const quarterly = await newProgram({ cadence: 'quarterly' });
    const paused = await newProgram();
    await admin.request('PATCH', `/api/v1/pulse-programs/${paused.id}`, { status: 'paused' });
    const now = new Date();
    const run = () => openDueWaves({ db, now, publicUrl: 'https://pulse.example.test' });
    const [first, second] = await Promise.all([run(), run()]);
    expect((first?.opened ?? 0) + (second?.opened ?? 0)).toBe(2);
    expect((await run()).opened).toBe(0);
    const waves = await db
      .select({ programId: pulseWaves.programId, period: pulseWaves.period })
      .from(pulseWaves)
      .where(inArray(pulseWaves.programId, [monthly.id, quarterly.id, paused.id]));
    const month = now.getUTCMonth();
    const quarterMonth = String(month - (month % 3) + 1).padStart(2, '0');
    expect(waves.sort((x, y) => (x.period < y.period ? -1 : 1))).toEqual(
      [
        { programId: monthly.id, period: now.toISOString().slice(0, 7) },
        { programId: quarterly.id, period: `${now.getUTCFullYear()}-${quarterMonth}` },
      ].sort((x, y) => (x.period < y.period ? -1 : 1)),
    );
  });

  it('reminds only people who have not answered, once: a fresh link, or the first one to keep a draft', async () => {
    const program = await newProgram();
    const wave = (await launch(program.id)).json();
    const invitations = await db
      .select()
      .from(pulseInvitations)
      .where(eq(pulseInvitations.waveId, wave.id));
    // An answer deletes its invitation row (as the submission does); another person saved a draft.
    const [answered, drafting] = [invitations[0]!, invitations[1]!];
    await db.delete(pulseInvitations).where(eq(pulseInvitations.id, answered.id));
    await db
      .update(pulseInvitations)
      .set({ draft: { sealed: 'opaque' } })
      .where(eq(pulseInvitations.id, drafting.id));
    const before = new Date(Date.now() - 1);
    const now = new Date(Date.now() + 5 * DAY);
    const remind = () => remindWave({ db, waveId: wave.id, publicUrl: 'https://x.test', now });
    expect((await remind()).reminded).toBe(5);
    expect((await remind()).reminded).toBe(0);
    const reminders = (await mailsTo(before)).filter((m) => m.subject.startsWith('Reminder'));
    expect(reminders).toHaveLength(5);
    const after = await db
      .select()
      .from(pulseInvitations)
      .where(eq(pulseInvitations.waveId, wave.id));
    expect(after.every((i) => i.remindedAt?.getTime() === now.getTime())).toBe(true);
    const kept = after.find((i) => i.id === drafting.id)!;
    expect(kept.tokenHash).toBe(drafting.tokenHash);
    const withLink = reminders.filter((m) => tokenOf(m.bodyText) !== '');
    expect(withLink).toHaveLength(4);
    const rotated = new Set(after.filter((i) => i.id !== drafting.id).map((i) => i.tokenHash));
    for (const m of withLink) expect(rotated.has(sha256(tokenOf(m.bodyText)))).toBe(true);
    for (const i of invitations) expect(rotated.has(i.tokenHash)).toBe(false);
    const continuing = reminders.find((m) => tokenOf(m.bodyText) === '')!;
    expect(continuing.bodyText).toMatch(
      /continue with the link in our e-mail of \d{4}-\d{2}-\d{2}/,
    );
  });

  it('closes: deletes the invitations, rewrites responses in a new order with new ids, queues the release once', async () => {
    const program = await newProgram();
    const wave = (await launch(program.id)).json();
    const [row] = await db.select().from(pulseWaves).where(eq(pulseWaves.id, wave.id));
    const [unit] = await db
      .select({ unitId: pulseParticipation.unitId })
      .from(pulseParticipation)
      .where(eq(pulseParticipation.waveId, wave.id));
    const arrived = Array.from({ length: 40 }, (_, i) => ({
      orgId,
      waveId: wave.id,
      surveyVersionId: row!.surveyVersionId,
      unitId: unit!.unitId,
      period: wave.period,
      tenureBand: '1-3y' as const,
      submittedOn: wave.opensAt.slice(0, 10),
      scores: { evi: i },
      comment: `answer ${i}`,
    }));
    const stored = await db.insert(employeeResponses).values(arrived).returning();
    /** The wave's rows in physical (heap) order. */
    const physical = async () => {
      const result = await db.execute(
        sql`select id, comment from employee_responses where wave_id = ${wave.id} order by ctid`,
      );
      return (result as unknown as { rows: { id: string; comment: string }[] }).rows;
    };
    expect((await physical()).map((r) => r.comment)).toEqual(arrived.map((r) => r.comment));

    // One invitee answered: the token's hash moved to pulse_consumed_tokens (as on submission).
    const [answered] = await db
      .select()
      .from(pulseInvitations)
      .where(eq(pulseInvitations.waveId, wave.id))
      .limit(1);
    await db.delete(pulseInvitations).where(eq(pulseInvitations.id, answered!.id));
    await db
      .insert(pulseConsumedTokens)
      .values({ orgId, waveId: wave.id, tokenHash: answered!.tokenHash });
    const other = (await launch((await newProgram()).id)).json();
    const res = await admin.request('POST', `/api/v1/pulse-waves/${wave.id}/close`);
    expect(res.statusCode, res.body).toBe(200);
    const links = (await mailsTo(new Date(wave.opensAt))).map((m) => m.bodyText);
    const hashesOf = async (waveId: string) =>
      new Set(
        (await db.select().from(pulseInvitations).where(eq(pulseInvitations.waveId, waveId))).map(
          (i) => i.tokenHash,
        ),
      );
    const live = await hashesOf(other.id);
    // Every link of the closed wave is blanked; the other (open) wave's links still work.
    expect(links.filter((b) => b.includes('/e/[closed]'))).toHaveLength(6);
    expect(links.filter((b) => live.has(sha256(tokenOf(b))))).toHaveLength(6);
    expect(res.json()).toMatchObject({ id: wave.id, status: 'closed' });
    expect(
      await db.select().from(pulseInvitations).where(eq(pulseInvitations.waveId, wave.id)),
    ).toEqual([]);
    const rewritten = await physical();
    expect(rewritten.map((r) => r.comment).sort()).toEqual(arrived.map((r) => r.comment).sort());
    expect(rewritten.map((r) => r.comment)).not.toEqual(arrived.map((r) => r.comment));
    const oldIds = new Set(stored.map((r) => r.id));
    expect(rewritten.some((r) => oldIds.has(r.id))).toBe(false);
    expect(await jobsOf(EMPLOYEE_RESULTS_RELEASE_QUEUE, wave.id)).toHaveLength(1);

    // Closing again (the route, then the scheduled close job through the worker) is a no-op.
    const again = await admin.request('POST', `/api/v1/pulse-waves/${wave.id}/close`);
    expect(again.json().status).toBe('closed');
    await db
      .update(jobs)
      .set({ runAt: new Date() })
      .where(and(eq(jobs.queue, PULSE_CLOSE_QUEUE), sql`${jobs.payload}->>'waveId' = ${wave.id}`));
    const all = createJobHandlers({ config: testConfig() });
    const worker = startWorker({
      db,
      handlers: { [PULSE_CLOSE_QUEUE]: all[PULSE_CLOSE_QUEUE]! },
      pollMs: 60_000,
    });
    expect(await worker.drain()).toBeGreaterThan(0);
    await worker.stop();
    const [close] = await jobsOf(PULSE_CLOSE_QUEUE, wave.id);
    expect(close!.doneAt).not.toBeNull();
    expect(close!.lastError).toBeNull();
    expect(await jobsOf(EMPLOYEE_RESULTS_RELEASE_QUEUE, wave.id)).toHaveLength(1);
    expect((await physical()).map((r) => r.id)).toEqual(rewritten.map((r) => r.id));
  });

  it('runs the daily scheduler job, which books its own next run at five past midnight UTC', async () => {
    await schedulePulses({ db });
    await schedulePulses({ db });
    const pending = () =>
      db
        .select()
        .from(jobs)
        .where(and(eq(jobs.queue, PULSE_SCHEDULE_QUEUE), isNull(jobs.doneAt)));
    expect(await pending()).toHaveLength(1);
    const all = createJobHandlers({ config: testConfig() });
    const worker = startWorker({
      db,
      handlers: { [PULSE_SCHEDULE_QUEUE]: all[PULSE_SCHEDULE_QUEUE]! },
      pollMs: 60_000,
    });
    expect(await worker.drain()).toBe(1);
    await worker.stop();
    const [next] = await pending();
    expect(next!.runAt.toISOString()).toBe(nextScheduleRun(new Date()).toISOString());
    expect(next!.runAt.toISOString()).toMatch(/T00:05:00\.000Z$/);
  });

  it('answers 404 to closing a wave id it does not know', async () => {
    const res = await admin.request('POST', `/api/v1/pulse-waves/${crypto.randomUUID()}/close`);
    expect(res.statusCode).toBe(404);
  });
});
