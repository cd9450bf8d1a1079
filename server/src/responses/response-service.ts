import type {
  ResponseDetail,
  ResponseFilters,
  ResponseSummary,
  SurveyDefinition,
} from '@valueloop/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  interactions,
  people,
  responseScores,
  responses,
  surveys,
  surveyVersions,
  units,
} from '../db/schema/index.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { Visibility } from '../policies/index.ts';
import type { AnswerValue } from './answers.ts';
import {
  decodeCursor,
  encodeCursor,
  type ResponseRow,
  responsesVisibleTo,
  selectResponsePage,
} from './response-queries.ts';

/** The public fields of a response in lists. Customer contact data is never presented. */
export function presentResponseSummary(row: ResponseRow): ResponseSummary {
  const r = row.response;
  return {
    id: r.id,
    surveyId: r.surveyId,
    surveyName: row.surveyName,
    version: row.version,
    source: r.source,
    submittedAt: (r.submittedAt ?? r.createdAt).toISOString(),
    unit: r.unitId && row.unitName ? { id: r.unitId, name: row.unitName } : null,
    employee:
      r.employeeId && row.employeeName ? { id: r.employeeId, name: row.employeeName } : null,
    cvi: r.cvi,
    nps: r.nps,
    npsCategory: r.npsCategory,
    csat: r.csat,
    effort: r.effort,
    comment: r.comment,
    flaggedTooFast: r.flaggedTooFast,
  };
}

export async function listResponses(opts: {
  db: Db;
  orgId: string;
  visibility: Visibility;
  filters: ResponseFilters;
  limit: number;
  cursor?: string;
}) {
  const { rows, next } = await selectResponsePage({
    ...opts,
    after: opts.cursor ? decodeCursor(opts.cursor) : null,
  });
  return { items: rows.map(presentResponseSummary), nextCursor: next ? encodeCursor(next) : null };
}

function presentAnswers(
  definition: SurveyDefinition,
  answers: Record<string, unknown>,
  lang: string,
) {
  return definition.questions.flatMap((q) => {
    const value = answers[q.id];
    if (value === undefined || value === null) return [];
    const text = (lang === 'es' ? q.text.es : undefined) ?? q.text.en;
    return [{ questionId: q.id, type: q.type, text, value: value as AnswerValue }];
  });
}

/**
 * One response with its answers (question texts from its own version), scores, interaction,
 * unit and employee. Another organization's id is 404; outside the caller's units is 403.
 */
export async function getResponse(opts: {
  db: Db;
  orgId: string;
  visibility: Visibility;
  responseId: string;
}): Promise<ResponseDetail> {
  const { db, orgId } = opts;
  const scope = responsesVisibleTo(orgId, opts.visibility);
  const [row] = await db
    .select({
      response: responses,
      cursorAt: sql<string>`${responses.submittedAt}::text`,
      surveyName: surveys.name,
      version: surveyVersions.version,
      definition: surveyVersions.definition,
      unitName: units.name,
      employeeName: people.name,
      interaction: {
        id: interactions.id,
        externalId: interactions.externalId,
        channel: interactions.channel,
        occurredAt: interactions.occurredAt,
      },
      visible: scope ? sql<boolean>`coalesce(${scope}, false)` : sql<boolean>`true`,
    })
    .from(responses)
    .innerJoin(surveys, eq(surveys.id, responses.surveyId))
    .innerJoin(surveyVersions, eq(surveyVersions.id, responses.surveyVersionId))
    .leftJoin(units, eq(units.id, responses.unitId))
    .leftJoin(people, eq(people.id, responses.employeeId))
    .leftJoin(interactions, eq(interactions.id, responses.interactionId))
    .where(and(eq(responses.orgId, orgId), eq(responses.id, opts.responseId)));
  if (!row) throw notFound('Response');
  if (!row.visible) throw forbidden('This response belongs to a unit outside your scope');
  const r = row.response;
  const [items, thanked] = await Promise.all([
    db
      .select({ construct: responseScores.construct, score: responseScores.score })
      .from(responseScores)
      .where(eq(responseScores.responseId, r.id)),
    r.thankedPersonIds.length
      ? db
          .select({ id: people.id, name: people.name })
          .from(people)
          .where(and(eq(people.orgId, orgId), inArray(people.id, r.thankedPersonIds)))
      : [],
  ]);
  return {
    ...presentResponseSummary(row),
    language: r.language,
    submissionId: r.submissionId,
    durationMs: r.durationMs,
    retention: r.retention,
    promiseBroken: r.promiseBroken,
    itemScores: Object.fromEntries(items.map((i) => [i.construct, i.score])),
    answers: presentAnswers(row.definition, r.answers, r.language),
    interaction: row.interaction
      ? { ...row.interaction, occurredAt: row.interaction.occurredAt.toISOString() }
      : null,
    thanked,
  };
}
