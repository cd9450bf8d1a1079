import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { randomToken, sha256 } from '../auth/secrets.ts';
import { ensureResurveySurvey, RESURVEY_EXPIRY_DAYS } from '../cases/resurvey.ts';
import type { Tx } from '../db/client.ts';
import {
  caseResurveys,
  invitations,
  responseScores,
  responses,
  surveys,
  surveyVersions,
} from '../db/schema/index.ts';
import { scoreResponse } from '../responses/scoring.ts';
import { insertColumns } from './bulk-insert.ts';
import type { DemoCase } from './loop-records.ts';

const DAY = 86_400_000;

/**
 * The "did we put it right?" re-surveys of the replies in the history, stored as the reply
 * service stores them (cases/resurvey.ts): one invitation per reply on the organization's
 * re-survey survey, linked to its case, and the answers as complete responses without an
 * interaction (CSAT only), so recovery ROI reads them like live ones. Returns the response id
 * of each answered case (by case index) for the timeline's `resurvey_answered` events.
 */
export async function insertDemoResurveys(
  tx: Tx,
  demoCases: DemoCase[],
  ids: { orgId: string; since: Date; caseIds: string[]; customers: Map<string, string> },
): Promise<{ invitations: number; responses: number; responseIdByCase: Map<number, string> }> {
  const { orgId } = ids;
  const survey = await ensureResurveySurvey(tx, orgId);
  // Created with the rest of the settings, at the start of the history.
  await tx
    .update(surveys)
    .set({ createdAt: ids.since, updatedAt: ids.since })
    .where(eq(surveys.id, survey.id));
  const [version] = await tx
    .update(surveyVersions)
    .set({ publishedAt: ids.since })
    .where(eq(surveyVersions.id, survey.versionId))
    .returning({ definition: surveyVersions.definition });
  const definition = version!.definition;
  const question = definition.questions.find((q) => q.construct === 'sat')!;

  const sent = demoCases.flatMap((c, index) => {
    const reply = c.events.find((e) => e.kind === 'reply_sent');
    if (!reply) return [];
    const answer = c.events.find((e) => e.kind === 'resurvey_answered');
    return [{ c, index, invitationId: randomUUID(), sentAt: Date.parse(reply.at), answer }];
  });
  await insertColumns(tx, invitations, [
    [invitations.id, sent.map((s) => s.invitationId)],
    [invitations.orgId, sent.map(() => orgId)],
    [invitations.surveyId, sent.map(() => survey.id)],
    [invitations.surveyVersionId, sent.map(() => survey.versionId)],
    [invitations.customerId, sent.map((s) => ids.customers.get(s.c.customerExternalId)!)],
    [invitations.tokenHash, sent.map(() => sha256(randomToken(24)))],
    [invitations.channel, sent.map(() => 'email')],
    [invitations.expiresAt, sent.map((s) => iso(s.sentAt + RESURVEY_EXPIRY_DAYS * DAY))],
    [invitations.sentAt, sent.map((s) => iso(s.sentAt))],
    [
      invitations.openedAt,
      sent.map((s) => (s.answer ? iso(Date.parse(s.answer.at) - 40_000) : null)),
    ],
    [invitations.completedAt, sent.map((s) => s.answer?.at ?? null)],
    [invitations.createdAt, sent.map((s) => iso(s.sentAt))],
  ]);
  await insertColumns(tx, caseResurveys, [
    [caseResurveys.invitationId, sent.map((s) => s.invitationId)],
    [caseResurveys.orgId, sent.map(() => orgId)],
    [caseResurveys.caseId, sent.map((s) => ids.caseIds[s.index]!)],
  ]);

  const answered = sent.flatMap((s) => {
    if (!s.answer) return [];
    const answers = { [question.id]: (s.answer.data.score as number) / 25 + 1 };
    return [
      {
        ...s,
        at: s.answer.at,
        id: randomUUID(),
        answers,
        scores: scoreResponse(definition, answers),
      },
    ];
  });
  await insertColumns(tx, responses, [
    [responses.id, answered.map((a) => a.id)],
    [responses.orgId, answered.map(() => orgId)],
    [responses.surveyId, answered.map(() => survey.id)],
    [responses.surveyVersionId, answered.map(() => survey.versionId)],
    [responses.invitationId, answered.map((a) => a.invitationId)],
    [responses.customerId, answered.map((a) => ids.customers.get(a.c.customerExternalId)!)],
    [responses.source, answered.map(() => 'invitation')],
    [responses.status, answered.map(() => 'complete')],
    [responses.language, answered.map((a) => a.c.language)],
    [responses.answers, answered.map((a) => a.answers)],
    [responses.startedAt, answered.map((a) => iso(Date.parse(a.at) - 40_000))],
    [responses.submittedAt, answered.map((a) => a.at)],
    [responses.durationMs, answered.map(() => 40_000)],
    [responses.csat, answered.map((a) => a.scores.csat)],
    [responses.createdAt, answered.map((a) => a.at)],
  ]);
  const items = answered.flatMap((a) =>
    Object.entries(a.scores.items).map(([construct, score]) => ({ id: a.id, construct, score })),
  );
  await insertColumns(tx, responseScores, [
    [responseScores.orgId, items.map(() => orgId)],
    [responseScores.responseId, items.map((i) => i.id)],
    [responseScores.construct, items.map((i) => i.construct)],
    [responseScores.score, items.map((i) => i.score)],
  ]);
  return {
    invitations: sent.length,
    responses: answered.length,
    responseIdByCase: new Map(answered.map((a) => [a.index, a.id])),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
