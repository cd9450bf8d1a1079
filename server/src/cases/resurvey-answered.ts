import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { caseEvents, caseResurveys, cases, responses } from '../db/schema/index.ts';
import type { JobHandler } from '../jobs/worker.ts';

export const RESURVEY_ANSWERED_QUEUE = 'cases.resurvey-answered';

/** A re-survey CSAT (0–100) at or above this means the customer says we put it right. */
export const PUT_RIGHT_SCORE = 75;

/**
 * The customer's "did we put it right?" answer joins the case timeline ('resurvey_answered'
 * with the 0–100 score and the comment). Decision: the answer never resolves a case by itself
 * — resolving needs a root cause, which only a person can name (the outer loop) — but a case
 * `waiting_on_customer` goes back to `in_progress` (the customer has answered; the ball is with
 * us again), with its version bumped like any change. Idempotent: a second run for the same
 * response finds its event and does nothing.
 */
export async function recordResurveyAnswer(opts: {
  db: DbOrTx;
  orgId: string;
  responseId: string;
}) {
  const { db, orgId } = opts;
  const [found] = await db
    .select({
      caseId: caseResurveys.caseId,
      status: responses.status,
      csat: responses.csat,
      comment: responses.comment,
      submittedAt: responses.submittedAt,
    })
    .from(responses)
    .innerJoin(caseResurveys, eq(caseResurveys.invitationId, responses.invitationId))
    .where(and(eq(responses.orgId, orgId), eq(responses.id, opts.responseId)));
  if (found?.status !== 'complete') return;
  const [theCase] = await db
    .select({ id: cases.id, status: cases.status })
    .from(cases)
    .where(eq(cases.id, found.caseId))
    .for('update');
  if (!theCase) return;
  const [seen] = await db
    .select({ id: caseEvents.id })
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.caseId, theCase.id),
        eq(caseEvents.kind, 'resurvey_answered'),
        sql`${caseEvents.data} ->> 'responseId' = ${opts.responseId}`,
      ),
    );
  if (seen) return;
  const at = found.submittedAt ?? new Date();
  await db.insert(caseEvents).values({
    orgId,
    caseId: theCase.id,
    at,
    actorId: null,
    kind: 'resurvey_answered',
    data: {
      responseId: opts.responseId,
      score: found.csat,
      putRight: found.csat === null ? null : found.csat >= PUT_RIGHT_SCORE,
      comment: found.comment,
    },
  });
  if (theCase.status === 'waiting_on_customer') {
    await db
      .update(cases)
      .set({ status: 'in_progress', version: sql`${cases.version} + 1`, updatedAt: at })
      .where(eq(cases.id, theCase.id));
    await db.insert(caseEvents).values({
      orgId,
      caseId: theCase.id,
      at,
      actorId: null,
      kind: 'status_changed',
      data: { from: 'waiting_on_customer', to: 'in_progress', reason: 'resurvey_answered' },
    });
  }
}

/** Consumer of 'response.received' (see events/events.ts). */
export const resurveyAnsweredHandler: JobHandler = async ({ db, job }) => {
  const responseId = job.payload.responseId;
  if (!job.orgId || typeof responseId !== 'string') return;
  await recordResurveyAnswer({ db, orgId: job.orgId, responseId });
};
