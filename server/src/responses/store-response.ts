import type { SurveyDefinition } from '@valueloop/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client.ts';
import { responseScores, responses } from '../db/schema/index.ts';
import { emitEvent, eventQueue } from '../events/events.ts';
import type { Answers } from './answers.ts';
import { insertJobRows, insertResponseRows, insertScoreRows } from './bulk-rows.ts';
import { type ResponseScores, scoreResponse } from './scoring.ts';

/** Faster than this for a completed survey is implausible and flagged (not rejected). */
export const TOO_FAST_MS_PER_QUESTION = 1000;

type ResponseInsert = typeof responses.$inferInsert;

export interface ResponseContext {
  orgId: string;
  surveyId: string;
  surveyVersionId: string;
  definition: SurveyDefinition;
  source: ResponseInsert['source'];
  invitationId?: string | null;
  submissionId?: string | null;
  interactionId?: string | null;
  customerId?: string | null;
  unitId?: string | null;
  employeeId?: string | null;
  language?: string;
  interaction?: { promisedAt: Date | null; completedAt: Date | null } | null;
}

function scoreColumns(scores: ResponseScores) {
  return {
    cvi: scores.cvi,
    nps: scores.nps,
    npsCategory: scores.npsCategory,
    csat: scores.csat,
    effort: scores.effort,
    retention: scores.retention,
    promiseBroken: scores.promiseBroken,
  };
}

function extractTexts(definition: SurveyDefinition, answers: Answers) {
  let comment: string | null = null;
  let thanked: string[] = [];
  for (const q of definition.questions) {
    const v = answers[q.id];
    if (q.construct === 'comment' && typeof v === 'string') comment = v;
    if (q.type === 'thank_picker' && Array.isArray(v)) thanked = v;
  }
  return { comment, thankedPersonIds: thanked };
}

/** Under a second per answered question is faster than anyone can read the questions. */
export function isTooFast(answers: Answers, durationMs: number | null) {
  if (durationMs === null) return false;
  return durationMs < Object.keys(answers).length * TOO_FAST_MS_PER_QUESTION;
}

async function finalize(
  db: DbOrTx,
  ctx: ResponseContext,
  responseId: string,
  scores: ResponseScores,
) {
  const items = Object.entries(scores.items);
  if (items.length) {
    await db
      .insert(responseScores)
      .values(
        items.map(([construct, score]) => ({ orgId: ctx.orgId, responseId, construct, score })),
      );
  }
  await emitEvent({
    db,
    orgId: ctx.orgId,
    type: 'response.received',
    subjectId: responseId,
    payload: receivedPayload(ctx, responseId, scores),
  });
}

function receivedPayload(ctx: ResponseContext, responseId: string, scores: ResponseScores) {
  return {
    responseId,
    surveyId: ctx.surveyId,
    unitId: ctx.unitId ?? null,
    employeeId: ctx.employeeId ?? null,
    nps: scores.nps,
    cvi: scores.cvi,
  };
}

/**
 * Inserts a response. With a submission id the insert is idempotent: the same id returns the
 * stored response (`created: false`) and nothing else happens. A complete response gets its
 * scores, item scores and exactly one `response.received` event in the caller's transaction.
 */
export async function insertResponse(opts: {
  db: DbOrTx;
  ctx: ResponseContext;
  answers: Answers;
  status: 'partial' | 'complete';
  startedAt?: Date;
  submittedAt?: Date | null;
  durationMs?: number | null;
}): Promise<{ id: string; created: boolean }> {
  const { db, ctx, answers } = opts;
  const complete = opts.status === 'complete';
  const scores = scoreResponse(ctx.definition, answers, ctx.interaction);
  const durationMs = opts.durationMs ?? null;
  const [row] = await db
    .insert(responses)
    .values({
      orgId: ctx.orgId,
      surveyId: ctx.surveyId,
      surveyVersionId: ctx.surveyVersionId,
      invitationId: ctx.invitationId ?? null,
      submissionId: ctx.submissionId ?? null,
      interactionId: ctx.interactionId ?? null,
      customerId: ctx.customerId ?? null,
      unitId: ctx.unitId ?? null,
      employeeId: ctx.employeeId ?? null,
      source: ctx.source,
      status: opts.status,
      language: ctx.language ?? 'en',
      answers,
      startedAt: opts.startedAt ?? new Date(),
      submittedAt: complete ? (opts.submittedAt ?? new Date()) : null,
      durationMs,
      flaggedTooFast: complete && isTooFast(answers, durationMs),
      ...(complete ? scoreColumns(scores) : {}),
      ...extractTexts(ctx.definition, answers),
    })
    .onConflictDoNothing()
    .returning({ id: responses.id });
  if (!row) {
    const [existing] = await db
      .select({ id: responses.id })
      .from(responses)
      .where(
        ctx.submissionId
          ? and(eq(responses.orgId, ctx.orgId), eq(responses.submissionId, ctx.submissionId))
          : eq(responses.invitationId, ctx.invitationId!),
      );
    if (!existing) throw new Error('response insert conflicted but no existing response was found');
    return { id: existing.id, created: false };
  }
  if (complete) await finalize(db, ctx, row.id, scores);
  return { id: row.id, created: true };
}

/**
 * Completes a partial response (the public survey page's final submit). Only the first call
 * changes anything: a retry finds it complete and returns the same id, with no second event.
 */
export async function completePartialResponse(opts: {
  db: DbOrTx;
  ctx: ResponseContext;
  responseId: string;
  answers: Answers;
  durationMs: number | null;
}): Promise<{ id: string; completedNow: boolean }> {
  const { db, ctx } = opts;
  const scores = scoreResponse(ctx.definition, opts.answers, ctx.interaction);
  const [row] = await db
    .update(responses)
    .set({
      status: 'complete',
      answers: opts.answers,
      submittedAt: new Date(),
      durationMs: opts.durationMs,
      flaggedTooFast: isTooFast(opts.answers, opts.durationMs),
      ...scoreColumns(scores),
      ...extractTexts(ctx.definition, opts.answers),
    })
    .where(and(eq(responses.id, opts.responseId), eq(responses.status, 'partial')))
    .returning({ id: responses.id });
  if (!row) return { id: opts.responseId, completedNow: false };
  await finalize(db, ctx, row.id, scores);
  return { id: row.id, completedNow: true };
}

/** One complete response of a bulk insert; `ctx.submissionId` is required and unique in the batch. */
export interface BatchResponse {
  ctx: ResponseContext & { submissionId: string };
  answers: Answers;
  submittedAt: Date;
  durationMs?: number | null;
}

/**
 * Inserts many complete responses with a few multi-row statements: one
 * `INSERT … ON CONFLICT DO NOTHING RETURNING` for the responses, then their item scores and
 * `response.received` event jobs in bulk — the same rows `insertResponse` writes one by one.
 * Idempotent by submission id: already stored ids come back with `created: false` and get no
 * second event. Run it in a transaction so a response never commits without its event.
 */
export async function insertResponsesBatch(opts: {
  tx: Tx;
  orgId: string;
  items: BatchResponse[];
}): Promise<Array<{ submissionId: string; id: string; created: boolean }>> {
  const { tx, orgId, items } = opts;
  if (items.length === 0) return [];
  const scored = items.map((item) => ({
    item,
    scores: scoreResponse(item.ctx.definition, item.answers, item.ctx.interaction),
  }));
  const inserted = await insertResponseRows(
    tx,
    scored.map(({ item: { ctx, answers, submittedAt, durationMs = null }, scores }) => {
      return {
        orgId,
        surveyId: ctx.surveyId,
        surveyVersionId: ctx.surveyVersionId,
        invitationId: ctx.invitationId ?? null,
        submissionId: ctx.submissionId,
        interactionId: ctx.interactionId ?? null,
        customerId: ctx.customerId ?? null,
        unitId: ctx.unitId ?? null,
        employeeId: ctx.employeeId ?? null,
        source: ctx.source,
        status: 'complete' as const,
        language: ctx.language ?? 'en',
        answers,
        startedAt: submittedAt,
        submittedAt,
        durationMs,
        flaggedTooFast: isTooFast(answers, durationMs),
        ...scoreColumns(scores),
        ...extractTexts(ctx.definition, answers),
      };
    }),
  );
  const newIds = new Map(inserted.map((r) => [r.submission_id, r.id]));
  const fresh = scored.filter(({ item }) => newIds.has(item.ctx.submissionId));
  const scoreRows = fresh.flatMap(({ item, scores }) =>
    Object.entries(scores.items).map(([construct, score]) => ({
      orgId,
      responseId: newIds.get(item.ctx.submissionId)!,
      construct,
      score,
    })),
  );
  await insertScoreRows(tx, scoreRows);
  if (fresh.length) {
    const occurredAt = new Date().toISOString();
    await insertJobRows(
      tx,
      fresh.map(({ item, scores }) => {
        const responseId = newIds.get(item.ctx.submissionId)!;
        return {
          queue: eventQueue('response.received'),
          orgId,
          payload: {
            type: 'response.received',
            subjectId: responseId,
            occurredAt,
            ...receivedPayload(item.ctx, responseId, scores),
          },
        };
      }),
    );
  }
  const missing = items.map((i) => i.ctx.submissionId).filter((id) => !newIds.has(id));
  const existing = missing.length
    ? await tx
        .select({ id: responses.id, submissionId: responses.submissionId })
        .from(responses)
        .where(and(eq(responses.orgId, orgId), inArray(responses.submissionId, missing)))
    : [];
  const existingIds = new Map(existing.map((r) => [r.submissionId!, r.id]));
  return items.map(({ ctx: { submissionId } }) => {
    const created = newIds.get(submissionId);
    if (created) return { submissionId, id: created, created: true };
    const id = existingIds.get(submissionId);
    if (!id)
      throw new Error(`response ${submissionId} conflicted but no stored response was found`);
    return { submissionId, id, created: false };
  });
}
