import { randomUUID } from 'node:crypto';
import type { Question } from '@valueloop/contracts';
import { randomToken, sha256 } from '../auth/secrets.ts';
import type { Tx } from '../db/client.ts';
import {
  auditLog,
  interactions,
  invitations,
  responseScores,
  responses,
  surveys,
  surveyVersions,
} from '../db/schema/index.ts';
import type { Answers } from '../responses/answers.ts';
import { scoreResponse } from '../responses/scoring.ts';
import { isTooFast } from '../responses/store-response.ts';
import { insertColumns } from './bulk-insert.ts';
import type { DemoFeedback } from './records.ts';

export interface LoadedFeedback {
  surveyId: string;
  surveyVersionId: string;
  counts: { interactions: number; invitations: number; responses: number; responseScores: number };
}

/**
 * Inserts the demo survey and its history with batched multi-row inserts (5,000 rows a statement), in the caller's
 * transaction. Responses get the columns `insertResponse` would store: scores from
 * `scoreResponse` (with the interaction's promised and completed times), comment and thanked
 * people. No `response.received` events are emitted: the history is the past, not live
 * submissions (consumers such as rollups rebuild from the tables; see README.md).
 */
export async function insertDemoFeedback(
  tx: Tx,
  feedback: DemoFeedback,
  ids: {
    orgId: string;
    units: Map<string, string>;
    people: Map<string, string>;
    customers: Map<string, string>;
    publisherExternalId: string;
  },
): Promise<LoadedFeedback> {
  const { orgId } = ids;
  const survey = feedback.survey;
  const definition = survey.definition;
  const surveyId = randomUUID();
  const surveyVersionId = randomUUID();
  const publishedAt = new Date(survey.publishedAt);
  const publishedBy = ids.people.get(ids.publisherExternalId)!;
  await tx.insert(surveys).values({
    id: surveyId,
    orgId,
    kind: 'customer',
    name: survey.name,
    status: 'active',
    draft: definition,
    distribution: survey.distribution,
    currentVersionId: surveyVersionId,
    createdAt: publishedAt,
    updatedAt: publishedAt,
  });
  await tx.insert(surveyVersions).values({
    id: surveyVersionId,
    orgId,
    surveyId,
    version: 1,
    definition,
    publishedAt,
    publishedBy,
  });
  await tx.insert(auditLog).values({
    orgId,
    actorPersonId: publishedBy,
    action: 'survey.published',
    entityType: 'survey',
    entityId: surveyId,
    detail: { version: 1 },
    at: publishedAt,
  });

  const is = feedback.interactions;
  const interactionIds = is.map(() => randomUUID());
  const interactionByExt = new Map(
    is.map((i, k) => [
      i.externalId,
      {
        id: interactionIds[k]!,
        customerId: ids.customers.get(i.customerExternalId)!,
        unitId: ids.units.get(i.unitExternalId)!,
        promisedAt: new Date(i.promisedAt),
        completedAt: i.completedAt === null ? null : new Date(i.completedAt),
      },
    ]),
  );
  await insertColumns(tx, interactions, [
    [interactions.id, interactionIds],
    [interactions.orgId, is.map(() => orgId)],
    [interactions.externalId, is.map((i) => i.externalId)],
    [interactions.customerId, is.map((i) => ids.customers.get(i.customerExternalId)!)],
    [interactions.unitId, is.map((i) => ids.units.get(i.unitExternalId)!)],
    [interactions.employeeIds, is.map((i) => i.employeeExternalIds.map((e) => ids.people.get(e)!))],
    [interactions.channel, is.map((i) => i.channel)],
    [interactions.occurredAt, is.map((i) => i.occurredAt)],
    [interactions.promisedAt, is.map((i) => i.promisedAt)],
    [interactions.completedAt, is.map((i) => i.completedAt)],
    [interactions.createdAt, is.map((i) => i.occurredAt)],
  ]);

  const vs = feedback.invitations;
  const invitationIds = vs.map(() => randomUUID());
  const invitationByInteraction = new Map(
    vs.map((v, k) => [v.interactionExternalId, invitationIds[k]!]),
  );
  await insertColumns(tx, invitations, [
    [invitations.id, invitationIds],
    [invitations.orgId, vs.map(() => orgId)],
    [invitations.surveyId, vs.map(() => surveyId)],
    [invitations.surveyVersionId, vs.map(() => surveyVersionId)],
    [invitations.interactionId, vs.map((v) => interactionByExt.get(v.interactionExternalId)!.id)],
    [invitations.customerId, vs.map((v) => ids.customers.get(v.customerExternalId)!)],
    // 192 random bits, as live invitations; only the hash is stored and nobody holds the token.
    [invitations.tokenHash, vs.map(() => sha256(randomToken(24)))],
    [invitations.channel, vs.map(() => survey.distribution.channel)],
    [invitations.expiresAt, vs.map((v) => v.expiresAt)],
    [invitations.sentAt, vs.map((v) => v.sentAt)],
    [invitations.remindedAt, vs.map((v) => v.remindedAt)],
    [invitations.openedAt, vs.map((v) => v.openedAt)],
    [invitations.completedAt, vs.map((v) => v.completedAt)],
    [invitations.createdAt, vs.map((v) => v.sentAt)],
  ]);

  const rows = feedback.responses.map((r) => {
    const interaction = interactionByExt.get(r.interactionExternalId)!;
    const answers = withPersonIds(r.answers, definition.questions, ids.people);
    return {
      r,
      id: randomUUID(),
      interaction,
      answers,
      scores: scoreResponse(definition, answers, interaction),
      texts: extractTexts(definition.questions, answers),
    };
  });
  await insertColumns(tx, responses, [
    [responses.id, rows.map((x) => x.id)],
    [responses.orgId, rows.map(() => orgId)],
    [responses.surveyId, rows.map(() => surveyId)],
    [responses.surveyVersionId, rows.map(() => surveyVersionId)],
    [
      responses.invitationId,
      rows.map((x) => invitationByInteraction.get(x.r.interactionExternalId)!),
    ],
    [responses.interactionId, rows.map((x) => x.interaction.id)],
    [responses.customerId, rows.map((x) => x.interaction.customerId)],
    [responses.unitId, rows.map((x) => x.interaction.unitId)],
    [responses.employeeId, rows.map((x) => ids.people.get(x.r.employeeExternalId)!)],
    [responses.source, rows.map(() => 'invitation')],
    [responses.status, rows.map(() => 'complete')],
    [responses.language, rows.map((x) => x.r.language)],
    [responses.answers, rows.map((x) => x.answers)],
    [responses.startedAt, rows.map((x) => x.r.startedAt)],
    [responses.submittedAt, rows.map((x) => x.r.submittedAt)],
    [responses.durationMs, rows.map((x) => x.r.durationMs)],
    [responses.flaggedTooFast, rows.map((x) => isTooFast(x.answers, x.r.durationMs))],
    [responses.cvi, rows.map((x) => x.scores.cvi)],
    [responses.nps, rows.map((x) => x.scores.nps)],
    [responses.npsCategory, rows.map((x) => x.scores.npsCategory)],
    [responses.csat, rows.map((x) => x.scores.csat)],
    [responses.effort, rows.map((x) => x.scores.effort)],
    [responses.retention, rows.map((x) => x.scores.retention)],
    [responses.promiseBroken, rows.map((x) => x.scores.promiseBroken)],
    [responses.comment, rows.map((x) => x.texts.comment)],
    [responses.thankedPersonIds, rows.map((x) => x.texts.thankedPersonIds)],
    [responses.createdAt, rows.map((x) => x.r.submittedAt)],
  ]);
  const items = rows.flatMap((x) =>
    Object.entries(x.scores.items).map(([construct, score]) => ({ id: x.id, construct, score })),
  );
  await insertColumns(tx, responseScores, [
    [responseScores.orgId, items.map(() => orgId)],
    [responseScores.responseId, items.map((i) => i.id)],
    [responseScores.construct, items.map((i) => i.construct)],
    [responseScores.score, items.map((i) => i.score)],
  ]);
  const counts = {
    interactions: is.length,
    invitations: vs.length,
    responses: rows.length,
    responseScores: items.length,
  };
  return {
    surveyId,
    surveyVersionId,
    counts,
  };
}

/** The comment and thanked people, as `insertResponse` stores them (store-response.ts). */
function extractTexts(questions: Question[], answers: Answers) {
  let comment: string | null = null;
  let thankedPersonIds: string[] = [];
  for (const q of questions) {
    const v = answers[q.id];
    if (q.construct === 'comment' && typeof v === 'string') comment = v;
    if (q.type === 'thank_picker' && Array.isArray(v)) thankedPersonIds = v;
  }
  return { comment, thankedPersonIds };
}

/** The generator names thanked people by external id; stored answers hold person ids. */
function withPersonIds(
  answers: Answers,
  questions: Question[],
  people: Map<string, string>,
): Answers {
  const out: Answers = { ...answers };
  for (const q of questions) {
    const v = out[q.id];
    if (q.type === 'thank_picker' && Array.isArray(v)) out[q.id] = v.map((e) => people.get(e)!);
  }
  return out;
}
