import { randomUUID } from 'node:crypto';
import type { CaseRuleOwner } from '@valueloop/contracts';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import {
  actionPlanLinks,
  actionPlans,
  caseEvents,
  caseQueues,
  caseRules,
  cases,
  notifications,
  orgBusinessHours,
  recoveryActions,
  recoveryAllowances,
  rootCauses,
} from '../db/schema/index.ts';
import { insertColumns } from './bulk-insert.ts';
import { insertDemoResurveys } from './load-resurveys.ts';
import type { DemoCaseEvent, DemoLoop } from './loop-records.ts';

export interface LoadedLoop {
  queueId: string;
  ruleIds: Map<string, string>;
  rootCauseIds: Map<string, string>;
  counts: {
    rules: number;
    rootCauses: number;
    cases: number;
    caseEvents: number;
    recoveries: number;
    resurveyInvitations: number;
    resurveyResponses: number;
    actionPlans: number;
    notifications: number;
  };
}

/**
 * Inserts the demo's closed loop in the caller's transaction: settings (business hours,
 * root-cause taxonomy, queue, rules, allowances), then cases in opening order (so their
 * numbers follow time), re-surveys, timelines, recoveries, action plans and the open cases' in-app
 * notifications. No jobs and no e-mails: the history is the past (see README.md).
 */
export async function insertDemoLoop(
  tx: Tx,
  loop: DemoLoop,
  ids: {
    orgId: string;
    currency: string;
    /** When the settings were made (the start of the history). */
    since: Date;
    units: Map<string, string>;
    people: Map<string, string>;
    customers: Map<string, string>;
  },
): Promise<LoadedLoop> {
  const { orgId, since } = ids;
  const settings = loop.settings;
  const person = (externalId: string | null) =>
    externalId === null ? null : ids.people.get(externalId)!;
  await tx
    .insert(orgBusinessHours)
    .values({ orgId, hours: settings.businessHours, updatedAt: since });

  const rootCauseIds = new Map<string, string>();
  for (const parent of settings.rootCauses) {
    const parentId = randomUUID();
    rootCauseIds.set(parent.name, parentId);
    await tx
      .insert(rootCauses)
      .values({ id: parentId, orgId, name: parent.name, createdAt: since });
    const children = parent.children.map((name) => {
      const id = randomUUID();
      rootCauseIds.set(`${parent.name}/${name}`, id);
      return { id, orgId, parentId, name, createdAt: since };
    });
    await tx.insert(rootCauses).values(children);
  }

  const queueId = randomUUID();
  await tx.insert(caseQueues).values({
    id: queueId,
    orgId,
    name: settings.queue.name,
    memberIds: loop.queueMemberExternalIds.map((p) => person(p)!),
    createdAt: since,
  });
  const ruleIds = new Map(settings.rules.map((r) => [r.key, randomUUID()]));
  await tx.insert(caseRules).values(
    settings.rules.map((r) => ({
      id: ruleIds.get(r.key)!,
      orgId,
      name: r.name,
      conditions: r.conditions,
      priority: r.priority,
      owner: (r.owner.kind === 'queue' ? { kind: 'queue', queueId } : r.owner) as CaseRuleOwner,
      slaHours: r.slaHours,
      createdAt: since,
      updatedAt: since,
    })),
  );
  await tx
    .insert(recoveryAllowances)
    .values(settings.allowances.map((a) => ({ orgId, ...a, createdAt: since })));

  // Responses were inserted with fresh ids; find them by their interaction's external id.
  const responseRows = await tx.execute(sql`
    select r.id, i.external_id from responses r join interactions i on i.id = r.interaction_id
    where r.org_id = ${orgId}`);
  const responseIds = new Map(
    (responseRows as unknown as { rows: Array<{ id: string; external_id: string }> }).rows.map(
      (r) => [r.external_id, r.id],
    ),
  );

  const cs = loop.cases;
  const caseIds = cs.map(() => randomUUID());
  await insertColumns(tx, cases, [
    [cases.id, caseIds],
    [cases.orgId, cs.map(() => orgId)],
    [cases.responseId, cs.map((c) => responseIds.get(c.interactionExternalId)!)],
    [cases.ruleId, cs.map((c) => ruleIds.get(c.ruleKey)!)],
    [cases.customerId, cs.map((c) => ids.customers.get(c.customerExternalId)!)],
    [cases.unitId, cs.map((c) => ids.units.get(c.unitExternalId)!)],
    [cases.employeeId, cs.map((c) => person(c.employeeExternalId))],
    [cases.ownerId, cs.map((c) => person(c.ownerExternalId))],
    [cases.queueId, cs.map((c) => (c.ruleKey === queueRuleKey(loop) ? queueId : null))],
    [cases.title, cs.map((c) => c.title)],
    [cases.priority, cs.map((c) => c.priority)],
    [cases.status, cs.map((c) => c.status)],
    [cases.rootCauseId, cs.map((c) => (c.rootCause ? rootCauseIds.get(c.rootCause)! : null))],
    [cases.openedAt, cs.map((c) => c.openedAt)],
    [cases.dueAt, cs.map((c) => c.dueAt)],
    [cases.breachedAt, cs.map((c) => c.breachedAt)],
    [cases.escalationLevel, cs.map((c) => c.escalationLevel)],
    [cases.atRiskNotifiedAt, cs.map((c) => c.atRiskNotifiedAt)],
    [cases.firstActionAt, cs.map((c) => c.firstActionAt)],
    [cases.resolvedAt, cs.map((c) => c.resolvedAt)],
    [cases.closedAt, cs.map((c) => c.closedAt)],
    [cases.version, cs.map((c) => 1 + c.changes)],
    [cases.updatedAt, cs.map((c) => c.updatedAt)],
  ]);

  const resurveys = await insertDemoResurveys(tx, cs, {
    orgId,
    since,
    caseIds,
    customers: ids.customers,
  });
  const recoveries = cs.flatMap((c, k) =>
    c.recoveries.map((r) => ({ ...r, id: randomUUID(), caseId: caseIds[k]! })),
  );
  const recoveryIdOfCase = new Map(recoveries.map((r) => [r.caseId, r.id]));
  await insertColumns(tx, recoveryActions, [
    [recoveryActions.id, recoveries.map((r) => r.id)],
    [recoveryActions.orgId, recoveries.map(() => orgId)],
    [recoveryActions.caseId, recoveries.map((r) => r.caseId)],
    [recoveryActions.takenBy, recoveries.map((r) => person(r.takenByExternalId))],
    [recoveryActions.unitId, recoveries.map((r) => ids.units.get(r.unitExternalId)!)],
    [recoveryActions.type, recoveries.map((r) => r.type)],
    [recoveryActions.amount, recoveries.map((r) => r.amount)],
    [recoveryActions.currency, recoveries.map(() => ids.currency)],
    [recoveryActions.note, recoveries.map((r) => r.note)],
    [recoveryActions.status, recoveries.map((r) => r.status)],
    [recoveryActions.decidedBy, recoveries.map((r) => person(r.decidedByExternalId))],
    [recoveryActions.decidedAt, recoveries.map((r) => r.decidedAt)],
    [recoveryActions.decisionNote, recoveries.map((r) => r.decisionNote)],
    [recoveryActions.createdAt, recoveries.map((r) => r.createdAt)],
  ]);

  const rules = new Map(
    settings.rules.map((r) => [
      r.key,
      { id: ruleIds.get(r.key)!, name: r.name, conditions: r.conditions },
    ]),
  );
  const refs = { person, rules, rootCauseIds, queueId, currency: ids.currency };
  const events = cs.flatMap((c, k) =>
    c.events.map((e) => ({
      caseId: caseIds[k]!,
      e,
      data: eventData(e, refs, {
        recoveryId: recoveryIdOfCase.get(caseIds[k]!) ?? null,
        responseId: resurveys.responseIdByCase.get(k) ?? null,
      }),
    })),
  );
  await insertColumns(tx, caseEvents, [
    [caseEvents.orgId, events.map(() => orgId)],
    [caseEvents.caseId, events.map((x) => x.caseId)],
    [caseEvents.at, events.map((x) => x.e.at)],
    [caseEvents.actorId, events.map((x) => person(x.e.actorExternalId))],
    [caseEvents.kind, events.map((x) => x.e.kind)],
    [caseEvents.data, events.map((x) => x.data)],
  ]);

  for (const plan of loop.actionPlans) {
    const planId = randomUUID();
    await tx.insert(actionPlans).values({
      id: planId,
      orgId,
      unitId: ids.units.get(plan.unitExternalId)!,
      ownerId: person(plan.ownerExternalId),
      title: plan.title,
      description: plan.description,
      status: plan.status,
      dueOn: plan.dueOn,
      followUpWeeks: plan.followUpWeeks,
      baseline: withRootCauseIds(plan.baseline, rootCauseIds),
      followUp: plan.followUp && withRootCauseIds(plan.followUp, rootCauseIds),
      followUpAt: plan.followUpAt === null ? null : new Date(plan.followUpAt),
      createdAt: new Date(plan.createdAt),
      updatedAt: new Date(plan.createdAt),
    });
    await tx.insert(actionPlanLinks).values(
      plan.links.map((l) => ({
        orgId,
        planId,
        kind: l.kind,
        ref: l.kind === 'root_cause' ? rootCauseIds.get(l.ref)! : l.ref,
      })),
    );
  }

  const ns = loop.notifications;
  await insertColumns(tx, notifications, [
    [notifications.orgId, ns.map(() => orgId)],
    [notifications.personId, ns.map((n) => person(n.personExternalId))],
    [notifications.kind, ns.map((n) => n.kind)],
    [notifications.title, ns.map((n) => n.title)],
    [notifications.body, ns.map((n) => n.body)],
    [notifications.link, ns.map((n) => `/cases/${caseIds[n.caseIndex]}`)],
    // The keys the services use, so a live job does not notify the same thing twice.
    [
      notifications.dedupeKey,
      ns.map((n) =>
        n.kind === 'approval_needed'
          ? `approval_needed:${recoveryIdOfCase.get(caseIds[n.caseIndex]!)}`
          : n.kind === 'case_escalated'
            ? `case_escalated:${caseIds[n.caseIndex]}:${n.level}`
            : `${n.kind}:${caseIds[n.caseIndex]}`,
      ),
    ],
    [notifications.createdAt, ns.map((n) => n.createdAt)],
  ]);

  return {
    queueId,
    ruleIds,
    rootCauseIds,
    counts: {
      rules: settings.rules.length,
      rootCauses: rootCauseIds.size,
      cases: cs.length,
      caseEvents: events.length,
      recoveries: recoveries.length,
      resurveyInvitations: resurveys.invitations,
      resurveyResponses: resurveys.responses,
      actionPlans: loop.actionPlans.length,
      notifications: ns.length,
    },
  };
}

const queueRuleKey = (loop: DemoLoop) =>
  loop.settings.rules.find((r) => r.owner.kind === 'queue')?.key;

/**
 * Event details as the services write them (open-cases.ts, update-case.ts, sla.ts,
 * take-recovery.ts, resurvey-answered.ts), with database ids for the generator's references.
 */
function eventData(
  e: DemoCaseEvent,
  refs: {
    person: (externalId: string | null) => string | null;
    rules: Map<string, { id: string; name: string; conditions: unknown }>;
    rootCauseIds: Map<string, string>;
    queueId: string;
    currency: string;
  },
  links: { recoveryId: string | null; responseId: string | null },
): Record<string, unknown> {
  const d = e.data;
  const person = (v: unknown) => (typeof v === 'string' ? refs.person(v) : null);
  switch (e.kind) {
    case 'opened': {
      const rule = refs.rules.get(d.rule as string)!;
      return {
        ruleId: rule.id,
        rule: rule.name,
        matched: rule.conditions,
        ownerId: person(d.ownerExternalId),
        queueId: d.queue ? refs.queueId : null,
      };
    }
    case 'assigned':
      return {
        fromOwnerId: person(d.fromExternalId),
        toOwnerId: person(d.ownerExternalId),
        toOwnerName: null,
        fromQueueId: null,
        toQueueId: null,
      };
    case 'escalated':
      return {
        level: d.level,
        fromOwnerId: person(d.fromExternalId),
        toOwnerId: person(d.ownerExternalId),
      };
    case 'root_cause_set': {
      const path = d.rootCause as string;
      return { from: null, to: refs.rootCauseIds.get(path), name: path.split('/').at(-1) };
    }
    case 'resurvey_answered':
      return { responseId: links.responseId, score: d.score, putRight: d.putRight, comment: null };
    default:
      if (e.kind.startsWith('recovery_'))
        return {
          recoveryId: links.recoveryId,
          type: d.type,
          amount: d.amount,
          currency: refs.currency,
        };
      return { ...d };
  }
}

/** Measures keyed `root_cause:<path>` by the generator are keyed by the root cause id. */
function withRootCauseIds(
  measures: Record<string, number | null>,
  rootCauseIds: Map<string, string>,
): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(measures).map(([key, value]) =>
      key.startsWith('root_cause:')
        ? [`root_cause:${rootCauseIds.get(key.slice('root_cause:'.length))}`, value]
        : [key, value],
    ),
  );
}
