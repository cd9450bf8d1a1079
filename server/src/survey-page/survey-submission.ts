import type { FieldError } from '@valueloop/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { invitations, responses } from '../db/schema/index.ts';
import { AppError, notFound, validationFailed } from '../http/errors.ts';
import { type Answers, validateAnswers } from '../responses/answers.ts';
import { completePartialResponse, insertResponse } from '../responses/store-response.ts';
import { type LanguagePreference, pickLanguage } from './language.ts';
import {
  findInvitationByToken,
  type InvitationLookup,
  type OpenInvitation,
  type OpenLinkSurvey,
  PARTIAL_RESUME_MS,
} from './survey-access.ts';
import { checkThankedPeople, listThankablePeople } from './thank-picker.ts';

/**
 * Answering time used for the "implausibly fast" flag. The server's own clock bounds it: for
 * invitations from the first opening of the link (`invitations.opened_at`, else the partial's
 * start); for open links from a signed `startedAt` rendered into the form. The script's
 * `elapsedMs` (active time on the page) can only make it shorter, never hide a fast submit.
 */
export function answeringTimeMs(opts: {
  serverStart: Date | null;
  clientElapsedMs: number | null;
  now: Date;
}): number | null {
  const server = opts.serverStart
    ? Math.max(0, opts.now.getTime() - opts.serverStart.getTime())
    : null;
  const client = opts.clientElapsedMs;
  if (server === null) return client;
  if (client === null) return server;
  return Math.min(server, client);
}

async function openOrThrow(db: Db, token: string, now: Date) {
  const found: InvitationLookup = await findInvitationByToken({ db, token, now });
  if (found.state === 'not_found') throw notFound('Survey');
  if (found.state === 'expired') throw new AppError('gone', 'This survey link has expired');
  return found;
}

async function checkAnswers(
  db: Db,
  found: OpenInvitation,
  answers: Record<string, unknown>,
  partial: boolean,
  now: Date,
): Promise<FieldError[]> {
  const errors = validateAnswers(found.definition, answers, { partial });
  const offered = await listThankablePeople({
    db,
    orgId: found.ctx.orgId,
    unitId: found.unitId,
    now,
  });
  const known = new Set(errors.map((e) => e.field));
  for (const e of checkThankedPeople(found.definition, answers, offered))
    if (!known.has(e.field)) errors.push(e);
  return errors;
}

/**
 * Saves the answers given so far as the invitation's partial response (the whole set of
 * visible answers replaces the saved one). After the resume window the partial starts over.
 */
export async function saveInvitationAnswers(opts: {
  db: Db;
  token: string;
  answers: Record<string, unknown>;
  elapsedMs: number | null;
  language: LanguagePreference;
  now?: Date;
}): Promise<{ responseId: string }> {
  const now = opts.now ?? new Date();
  const found = await openOrThrow(opts.db, opts.token, now);
  if (found.state === 'completed')
    throw new AppError('conflict', 'This survey has already been answered');
  const errors = await checkAnswers(opts.db, found, opts.answers, true, now);
  if (errors.length) throw validationFailed(errors, `${errors[0]!.field}: ${errors[0]!.message}`);
  const answers = opts.answers as Answers;
  const language = pickLanguage({ ...opts.language, available: found.definition.languages });
  return opts.db.transaction(async (tx) => {
    const stored = await insertResponse({
      db: tx,
      ctx: { ...found.ctx, language },
      answers,
      status: 'partial',
      startedAt: now,
      durationMs: opts.elapsedMs,
    });
    if (stored.created) return { responseId: stored.id };
    const stale =
      found.response && now.getTime() - found.response.startedAt.getTime() > PARTIAL_RESUME_MS;
    const [row] = await tx
      .update(responses)
      .set({
        answers,
        durationMs: opts.elapsedMs,
        language,
        ...(stale ? { startedAt: now } : {}),
      })
      .where(and(eq(responses.id, stored.id), eq(responses.status, 'partial')))
      .returning({ id: responses.id });
    if (!row) throw new AppError('conflict', 'This survey has already been answered');
    return { responseId: row.id };
  });
}

/**
 * Final submit of an invitation: validates every required question, completes the partial
 * (or stores a complete response), marks the invitation used. Idempotent: once answered, any
 * retry returns the same response id and nothing else happens (one `response.received` event).
 */
export async function submitInvitationResponse(opts: {
  db: Db;
  token: string;
  answers: Record<string, unknown>;
  elapsedMs: number | null;
  language: LanguagePreference;
  now?: Date;
}): Promise<{ responseId: string; created: boolean }> {
  const now = opts.now ?? new Date();
  const found = await openOrThrow(opts.db, opts.token, now);
  if (found.state === 'completed') {
    if (found.response) return { responseId: found.response.id, created: false };
    throw new AppError('conflict', 'This survey has already been answered');
  }
  const errors = await checkAnswers(opts.db, found, opts.answers, false, now);
  if (errors.length) throw validationFailed(errors, `${errors[0]!.field}: ${errors[0]!.message}`);
  const answers = opts.answers as Answers;
  const durationMs = answeringTimeMs({
    serverStart: found.invitation.openedAt ?? found.response?.startedAt ?? null,
    clientElapsedMs: opts.elapsedMs,
    now,
  });
  const ctx = {
    ...found.ctx,
    language: pickLanguage({ ...opts.language, available: found.definition.languages }),
  };
  return opts.db.transaction(async (tx) => {
    let result: { responseId: string; created: boolean };
    if (found.response) {
      const done = await completePartialResponse({
        db: tx,
        ctx,
        responseId: found.response.id,
        answers,
        durationMs,
      });
      result = { responseId: done.id, created: done.completedNow };
    } else {
      const stored = await insertResponse({
        db: tx,
        ctx,
        answers,
        status: 'complete',
        startedAt: found.invitation.openedAt ?? now,
        submittedAt: now,
        durationMs,
      });
      result = { responseId: stored.id, created: stored.created };
    }
    await tx
      .update(invitations)
      .set({ completedAt: now })
      .where(and(eq(invitations.id, found.invitation.id), isNull(invitations.completedAt)));
    return result;
  });
}

/**
 * One open-link submission (kiosk, web link): no invitation; the client's submission id makes
 * a double submit store once. Thank-picker questions have no serving unit here, so any named
 * person is rejected.
 */
export async function submitOpenLinkResponse(opts: {
  db: Db;
  survey: OpenLinkSurvey;
  submissionId: string;
  answers: Record<string, unknown>;
  durationMs: number | null;
  language: LanguagePreference;
  now?: Date;
}): Promise<{ responseId: string; created: boolean }> {
  const now = opts.now ?? new Date();
  const { survey } = opts;
  const ctx = {
    orgId: survey.orgId,
    surveyId: survey.surveyId,
    surveyVersionId: survey.surveyVersionId,
    definition: survey.definition,
    source: 'open_link' as const,
    submissionId: `open-link:${opts.submissionId}`,
    language: pickLanguage({ ...opts.language, available: survey.definition.languages }),
  };
  const [existing] = await opts.db
    .select({ id: responses.id })
    .from(responses)
    .where(and(eq(responses.orgId, ctx.orgId), eq(responses.submissionId, ctx.submissionId)));
  if (existing) return { responseId: existing.id, created: false };
  const errors = validateAnswers(survey.definition, opts.answers, { partial: false });
  errors.push(...checkThankedPeople(survey.definition, opts.answers, []));
  if (errors.length) throw validationFailed(errors, `${errors[0]!.field}: ${errors[0]!.message}`);
  return opts.db.transaction(async (tx) => {
    const stored = await insertResponse({
      db: tx,
      ctx,
      answers: opts.answers as Answers,
      status: 'complete',
      startedAt: opts.durationMs === null ? now : new Date(now.getTime() - opts.durationMs),
      submittedAt: now,
      durationMs: opts.durationMs,
    });
    return { responseId: stored.id, created: stored.created };
  });
}
