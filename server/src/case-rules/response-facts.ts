import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { customers, responseScores, responses, surveys, units } from '../db/schema/index.ts';
import type { ResponseFacts } from './evaluate.ts';

/** A customer response with the facts rules test and the links a case needs. */
export interface RuleSubject {
  facts: ResponseFacts;
  unitId: string | null;
  unitName: string | null;
  employeeId: string | null;
  customerId: string | null;
  invitationId: string | null;
  submittedAt: Date | null;
}

const segmentOf = (attributes: Record<string, unknown> | null): string | null => {
  const segment = attributes?.segment;
  return typeof segment === 'string' || typeof segment === 'number' ? String(segment) : null;
};

/** Loads rule subjects for complete customer responses of one organization, one query per table. */
export async function loadRuleSubjects(opts: {
  db: DbOrTx;
  orgId: string;
  responseIds: readonly string[];
}): Promise<RuleSubject[]> {
  const { db, orgId } = opts;
  if (opts.responseIds.length === 0) return [];
  const rows = await db
    .select({
      id: responses.id,
      surveyId: responses.surveyId,
      unitId: responses.unitId,
      unitName: units.name,
      employeeId: responses.employeeId,
      customerId: responses.customerId,
      invitationId: responses.invitationId,
      submittedAt: responses.submittedAt,
      answers: responses.answers,
      cvi: responses.cvi,
      csat: responses.csat,
      effort: responses.effort,
      retention: responses.retention,
      nps: responses.nps,
      npsCategory: responses.npsCategory,
      promiseBroken: responses.promiseBroken,
      comment: responses.comment,
      customerAttributes: customers.attributes,
    })
    .from(responses)
    .innerJoin(surveys, eq(surveys.id, responses.surveyId))
    .leftJoin(units, eq(units.id, responses.unitId))
    .leftJoin(customers, eq(customers.id, responses.customerId))
    .where(
      and(
        eq(responses.orgId, orgId),
        inArray(responses.id, [...opts.responseIds]),
        eq(responses.status, 'complete'),
        eq(surveys.kind, 'customer'),
      ),
    );
  const items = new Map<string, Record<string, number>>();
  if (rows.length > 0) {
    const scoreRows = await db
      .select({
        responseId: responseScores.responseId,
        construct: responseScores.construct,
        score: responseScores.score,
      })
      .from(responseScores)
      .where(
        and(
          eq(responseScores.orgId, orgId),
          inArray(
            responseScores.responseId,
            rows.map((r) => r.id),
          ),
        ),
      );
    for (const row of scoreRows) {
      const byConstruct = items.get(row.responseId) ?? {};
      byConstruct[row.construct] = row.score;
      items.set(row.responseId, byConstruct);
    }
  }
  return rows.map((row) => ({
    facts: {
      responseId: row.id,
      surveyId: row.surveyId,
      scores: {
        cvi: row.cvi,
        csat: row.csat,
        effort: row.effort,
        retention: row.retention,
        nps: row.nps,
      },
      npsCategory: row.npsCategory,
      promiseBroken: row.promiseBroken,
      items: items.get(row.id) ?? {},
      answers: row.answers,
      comment: row.comment,
      segment: segmentOf(row.customerAttributes),
    },
    unitId: row.unitId,
    unitName: row.unitName,
    employeeId: row.employeeId,
    customerId: row.customerId,
    invitationId: row.invitationId,
    submittedAt: row.submittedAt,
  }));
}

/** Ids of the organization's latest complete customer responses (newest first). */
export async function latestCustomerResponseIds(opts: {
  db: DbOrTx;
  orgId: string;
  limit: number;
}): Promise<string[]> {
  const rows = await opts.db
    .select({ id: responses.id })
    .from(responses)
    .innerJoin(surveys, eq(surveys.id, responses.surveyId))
    .where(
      and(
        eq(responses.orgId, opts.orgId),
        eq(responses.status, 'complete'),
        eq(surveys.kind, 'customer'),
        isNotNull(responses.submittedAt),
      ),
    )
    .orderBy(desc(responses.submittedAt), desc(responses.id))
    .limit(opts.limit);
  return rows.map((r) => r.id);
}
