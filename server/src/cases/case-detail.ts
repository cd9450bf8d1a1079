import type { CaseDetail } from '@valueloop/contracts';
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';
import {
  caseEvents,
  caseRules,
  cases,
  customers,
  people,
  recoveryActions,
  responses,
  rootCauses,
  units,
} from '../db/schema/index.ts';
import { businessClockFrom } from './business-clock.ts';
import { businessHoursOf } from './business-time.ts';
import { findVisibleCase } from './case-access.ts';
import { presentCaseSummary, selectCaseSummaries } from './case-summary.ts';
import type { CaseViewer } from './case-visibility.ts';

const taker = alias(people, 'taker');
const decider = alias(people, 'decider');

/**
 * Everything about one visible case: response, customer (contact data: only here, and only
 * for viewers who may see the case), timeline in order, recovery actions.
 */
export async function getCaseDetail(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: CaseViewer;
  caseId: string;
  now?: Date;
}): Promise<CaseDetail> {
  const { db, orgId } = opts;
  await findVisibleCase(opts);
  const [summary] = await selectCaseSummaries(
    db,
    and(eq(cases.orgId, orgId), eq(cases.id, opts.caseId)),
  );
  if (!summary) throw new Error('case vanished between two reads');
  const c = summary.case;
  const [response] = await db
    .select()
    .from(responses)
    .where(and(eq(responses.orgId, orgId), eq(responses.id, c.responseId)));
  const [customer] = c.customerId
    ? await db
        .select({ id: customers.id, name: customers.name, email: customers.email })
        .from(customers)
        .where(and(eq(customers.orgId, orgId), eq(customers.id, c.customerId)))
    : [];
  const names = await namesOf(db, orgId, c);
  const timeline = await db
    .select({ event: caseEvents, actorName: people.name })
    .from(caseEvents)
    .leftJoin(people, eq(people.id, caseEvents.actorId))
    .where(and(eq(caseEvents.orgId, orgId), eq(caseEvents.caseId, c.id)))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id));
  const recoveries = await db
    .select({
      action: recoveryActions,
      takerName: taker.name,
      unitName: units.name,
      deciderName: decider.name,
    })
    .from(recoveryActions)
    .innerJoin(taker, eq(taker.id, recoveryActions.takenBy))
    .innerJoin(units, eq(units.id, recoveryActions.unitId))
    .leftJoin(decider, eq(decider.id, recoveryActions.decidedBy))
    .where(and(eq(recoveryActions.orgId, orgId), eq(recoveryActions.caseId, c.id)))
    .orderBy(asc(recoveryActions.createdAt), asc(recoveryActions.id));
  const clock = businessClockFrom(opts.now ?? new Date(), await businessHoursOf(db, orgId));
  return {
    ...presentCaseSummary(summary, clock),
    response: {
      id: c.responseId,
      submittedAt: response?.submittedAt?.toISOString() ?? null,
      cvi: response?.cvi ?? null,
      nps: response?.nps ?? null,
      csat: response?.csat ?? null,
      comment: response?.comment ?? null,
      promiseBroken: response?.promiseBroken ?? null,
    },
    customer: customer ?? null,
    employee: names.employee,
    rule: names.rule,
    rootCause: names.rootCause,
    timeline: timeline.map(({ event, actorName }) => ({
      id: event.id,
      at: event.at.toISOString(),
      actor: event.actorId && actorName !== null ? { id: event.actorId, name: actorName } : null,
      kind: event.kind,
      data: event.data,
    })),
    recoveries: recoveries.map(({ action: a, takerName, unitName, deciderName }) => ({
      id: a.id,
      caseId: a.caseId,
      caseNumber: c.number,
      takenBy: { id: a.takenBy, name: takerName },
      unit: { id: a.unitId, name: unitName },
      type: a.type,
      amount: a.amount,
      currency: a.currency,
      note: a.note,
      status: a.status,
      decidedBy:
        a.decidedBy && deciderName !== null ? { id: a.decidedBy, name: deciderName } : null,
      decidedAt: a.decidedAt?.toISOString() ?? null,
      decisionNote: a.decisionNote,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}

type Ref = { id: string; name: string } | null;

async function namesOf(
  db: DbOrTx,
  orgId: string,
  c: typeof cases.$inferSelect,
): Promise<{ employee: Ref; rule: Ref; rootCause: Ref }> {
  const [employee] = c.employeeId
    ? await db
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(and(eq(people.orgId, orgId), eq(people.id, c.employeeId)))
    : [];
  const [rule] = c.ruleId
    ? await db
        .select({ id: caseRules.id, name: caseRules.name })
        .from(caseRules)
        .where(and(eq(caseRules.orgId, orgId), eq(caseRules.id, c.ruleId)))
    : [];
  const [rootCause] = c.rootCauseId
    ? await db
        .select({ id: rootCauses.id, name: rootCauses.name })
        .from(rootCauses)
        .where(and(eq(rootCauses.orgId, orgId), eq(rootCauses.id, c.rootCauseId)))
    : [];
  return { employee: employee ?? null, rule: rule ?? null, rootCause: rootCause ?? null };
}
