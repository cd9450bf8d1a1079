import type { BusinessClock } from './business-clock.ts';
import type { DemoLoopModel, DemoLoopSettings, DemoRuleSetting } from './loop-model.ts';
import type { DemoCase, DemoCaseEvent, DemoRecovery } from './loop-records.ts';
import type { ScoredDemoResponse } from './loop-rules.ts';
import type { Rng } from './prng.ts';
import { drawRecoveryOffer, type RecoveryLedger, recoveryRecord } from './recoveries.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/** Who is who, and the clock: what every case's handling needs. */
export interface CaseContext {
  model: DemoLoopModel;
  settings: DemoLoopSettings;
  clock: BusinessClock;
  asOfMs: number;
  unitName: (unit: string) => string;
  managerOfUnit: (unit: string) => string;
  /** The person a case owned by `person` escalates to (their manager, then up the tree). */
  escalationTarget: (person: string) => string;
  isManager: (person: string) => boolean;
  queueMembers: string[];
  /** Per unit, weights of the root-cause paths (a unit's own Pareto). */
  rootCauseWeights: (unit: string, ruleKey: string) => { paths: string[]; weights: number[] };
  ledger: RecoveryLedger;
  /** Interaction times (ms, ascending) per customer, for "came back". */
  visits: (customer: string) => number[];
}

/** How the demo shapes one case beyond the model's draws. */
export interface CasePlan {
  /** Still being worked at `asOf`, whatever the draws say. */
  keepOpen: boolean;
  /** The unit manager hands the case to this person at the first action. */
  delegateTo: string | null;
  /** Dissatisfied response chosen for a recovery (at most one case per response). */
  recover: boolean;
  /** A recovery of this amount that waits for approval at `asOf`. */
  pendingAmount: number | null;
}

type Planned = { at: number; actor: string | null; kind: string; data: DemoCaseEvent['data'] };

const logNormal = (rng: Rng, median: number, sigma: number) =>
  median * Math.exp(sigma * rng.normal());

/**
 * One case's life, as the services would have recorded it: opened by the rule, picked up
 * within hours, notes, perhaps a reply with a re-survey and a recovery, resolved and closed
 * after a business-time handling time (some past the SLA: breached and escalated one level),
 * cut at `asOf` (later events have not happened yet).
 */
export function drawCase(
  rng: Rng,
  ctx: CaseContext,
  scored: ScoredDemoResponse,
  rule: DemoRuleSetting,
  plan: CasePlan,
): DemoCase {
  const { model, settings, clock, asOfMs } = ctx;
  const r = scored.response;
  const unit = r.unitExternalId;
  const opened = Date.parse(r.submittedAt) + rng.int(20, 120) * SECOND;
  const slaMinutes = rule.slaHours * 60;
  const due = clock.add(opened, slaMinutes);
  const initialOwner =
    rule.owner.kind === 'serving_employee'
      ? r.employeeExternalId
      : rule.owner.kind === 'unit_manager'
        ? ctx.managerOfUnit(unit)
        : null;
  const firstMinutes = Math.min(
    logNormal(rng, model.firstAction.medianMinutes, model.firstAction.sigma),
    slaMinutes * 0.6,
  );
  const first = clock.add(opened, Math.max(3, firstMinutes));
  const resolveMinutes = Math.max(
    firstMinutes + 30,
    slaMinutes * logNormal(rng, model.resolution.medianShareOfSla, model.resolution.sigma),
  );
  const age = asOfMs - opened;
  const { recentDays, recentShare, days, share } = model.backlog;
  const backlog = rng.chance(age < recentDays * DAY ? recentShare : age < days * DAY ? share : 0);
  const open = plan.keepOpen || backlog;
  const resolved = open ? Number.POSITIVE_INFINITY : clock.add(opened, resolveMinutes);
  const planned: Planned[] = [];
  const push = (at: number, actor: string | null, kind: string, data: Planned['data'] = {}) =>
    planned.push({ at, actor, kind, data });

  push(opened, null, 'opened', { rule: rule.key, ruleName: rule.name, priority: rule.priority });
  push(
    opened + SECOND,
    null,
    'assigned',
    initialOwner ? { ownerExternalId: initialOwner } : { queue: settings.queue.name },
  );
  let worker = initialOwner;
  if (initialOwner === null) {
    worker = rng.pick(ctx.queueMembers);
    push(first, worker, 'assigned', { ownerExternalId: worker });
  } else if (plan.delegateTo) {
    push(first, initialOwner, 'assigned', { ownerExternalId: plan.delegateTo });
    worker = plan.delegateTo;
  }
  const actor = worker!;
  push(first + SECOND, actor, 'status_changed', { to: 'in_progress' });
  push(first + rng.int(2, 25) * MINUTE, actor, 'note', { text: rng.pick(settings.notes.first) });

  // Work between the first action and the resolution (or `asOf` for cases still open).
  const workEnd = Number.isFinite(resolved) ? resolved : Math.max(first + HOUR, asOfMs);
  const workMinutes = clock.between(first, workEnd);
  // A moment in business time between `from` and `to` (shares of the work time).
  const during = (from: number, to: number) =>
    clock.add(first, workMinutes * (from + (to - from) * rng.next()));
  if (rng.chance(0.6))
    push(during(0.2, 0.6), actor, 'note', { text: rng.pick(settings.notes.followUp) });
  // A case kept open long past the backlog waits on the customer (documents, a call back).
  const waiting = plan.keepOpen && age > days * DAY;
  const reply = rng.chance(model.replyShare) || waiting ? during(0.3, 0.85) : null;
  if (reply !== null) {
    const template = rng.pick(settings.replies);
    push(reply, actor, 'reply_sent', { subject: template.subject, resurvey: true });
    if (rng.chance(0.5) || waiting) {
      push(reply + SECOND, actor, 'status_changed', { to: 'waiting_on_customer' });
    }
  }
  const recoveries: DemoRecovery[] = [];
  if (plan.recover || plan.pendingAmount !== null) {
    const at =
      plan.pendingAmount !== null ? Math.min(during(0.1, 0.3), asOfMs - HOUR) : during(0.15, 0.5);
    const offer = drawRecoveryOffer(rng, model, settings, plan.pendingAmount ?? undefined);
    const role = ctx.isManager(actor) ? 'manager' : 'employee';
    const within =
      plan.pendingAmount === null && ctx.ledger.withinAllowance(actor, role, at, offer.amount);
    const approver = ctx.escalationTarget(actor);
    const decidedAt = clock.add(at, logNormal(rng, model.approval.medianMinutes, 0.8));
    const decision =
      within || plan.pendingAmount !== null || decidedAt > asOfMs
        ? null
        : { by: approver, at: decidedAt, approved: rng.chance(model.approval.approvedShare) };
    const record = recoveryRecord({ takenBy: actor, unit, offer, within, createdAt: at, decision });
    if (at <= asOfMs) {
      recoveries.push(record);
      const data = { type: offer.type, amount: record.amount };
      push(at, actor, within ? 'recovery_taken' : 'recovery_requested', data);
      if (decision)
        push(
          decision.at,
          decision.by,
          decision.approved ? 'recovery_approved' : 'recovery_rejected',
          data,
        );
      if (record.status === 'taken' || record.status === 'approved')
        ctx.ledger.charge(actor, decision?.at ?? at, offer.amount);
    }
  }
  // The SLA job runs every few minutes: it marks the breach and escalates one level.
  const escalateAt = due + rng.int(1, 5) * MINUTE;
  if (escalateAt < resolved) {
    push(escalateAt, null, 'escalated', {
      level: 1,
      toExternalId: ctx.escalationTarget(actor),
    });
  }
  const atRisk = clock.add(opened, slaMinutes * (1 - model.atRiskShare));
  if (Number.isFinite(resolved)) {
    const { paths, weights } = ctx.rootCauseWeights(unit, rule.key);
    push(resolved - 2 * MINUTE, actor, 'root_cause_set', {
      rootCause: paths[rng.weightedIndex(weights)]!,
    });
    push(resolved - MINUTE, actor, 'note', { text: rng.pick(settings.notes.resolution) });
    push(resolved, actor, 'status_changed', { to: 'resolved' });
    push(clock.add(resolved, model.closeAfterMinutes), actor, 'status_changed', { to: 'closed' });
    if (reply !== null && scored.nps !== null && rng.chance(model.resurveyAnswerShare)) {
      const recovered = recoveries.some((x) => x.status === 'taken' || x.status === 'approved');
      const rejected = recoveries.some((x) => x.status === 'rejected');
      const g = model.resurveyGain;
      const gain = recovered ? g.withRecovery : rejected ? g.recoveryRejected : g.replyOnly;
      const nps = Math.max(0, Math.min(10, Math.round(scored.nps + gain + 1.5 * rng.normal())));
      push(Math.max(reply, resolved) + rng.int(2, 72) * HOUR, null, 'resurvey_answered', {
        nps,
        previousNps: scored.nps,
      });
    }
  }
  return summarize(ctx, scored, rule, { opened, due, atRisk, initialOwner, planned, recoveries });
}

/** Orders the events (strictly increasing), keeps those up to `asOf` and derives the case row. */
function summarize(
  ctx: CaseContext,
  scored: ScoredDemoResponse,
  rule: DemoRuleSetting,
  p: {
    opened: number;
    due: number;
    atRisk: number;
    initialOwner: string | null;
    planned: Planned[];
    recoveries: DemoRecovery[];
  },
): DemoCase {
  const sorted = [...p.planned].sort((a, b) => a.at - b.at);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.at <= sorted[i - 1]!.at) sorted[i]!.at = sorted[i - 1]!.at + SECOND;
  }
  const kept = sorted.filter((e) => e.at <= ctx.asOfMs);
  let status: DemoCase['status'] = 'new';
  let owner = p.initialOwner;
  let rootCause: string | null = null;
  let breachedAt: number | null = null;
  let firstActionAt: number | null = null;
  let resolvedAt: number | null = null;
  let closedAt: number | null = null;
  let changes = 0;
  const events: DemoCaseEvent[] = kept.map((e) => {
    const data = { ...e.data };
    if (e.actor !== null && firstActionAt === null) firstActionAt = e.at;
    if (e.kind === 'status_changed') {
      data.from = status;
      status = e.data.to as DemoCase['status'];
      if (status === 'resolved') resolvedAt = e.at;
      if (status === 'closed') closedAt = e.at;
      changes++;
    } else if (e.kind === 'assigned' && e.actor !== null) {
      owner = e.data.ownerExternalId as string;
      changes++;
    } else if (e.kind === 'root_cause_set') {
      rootCause = e.data.rootCause as string;
      changes++;
    } else if (e.kind === 'escalated') {
      breachedAt = e.at;
      changes++;
    }
    return { at: iso(e.at), actorExternalId: e.actor, kind: e.kind, data };
  });
  const resolvedMs = resolvedAt ?? Number.POSITIVE_INFINITY;
  const customer = scored.response.customerExternalId;
  const cameBack = ctx
    .visits(customer)
    .some((t) => t > p.opened && t <= p.opened + ctx.model.comeBackDays * DAY);
  return {
    interactionExternalId: scored.response.interactionExternalId,
    ruleKey: rule.key,
    customerExternalId: customer,
    unitExternalId: scored.response.unitExternalId,
    employeeExternalId: scored.response.employeeExternalId,
    ownerExternalId: owner,
    inQueue: owner === null,
    title: `${rule.name}: ${ctx.unitName(scored.response.unitExternalId)}`,
    priority: rule.priority,
    status,
    rootCause,
    openedAt: iso(p.opened),
    dueAt: iso(p.due),
    breachedAt: breachedAt === null ? null : iso(breachedAt),
    escalationLevel: breachedAt === null ? 0 : 1,
    atRiskNotifiedAt: p.atRisk <= ctx.asOfMs && p.atRisk < resolvedMs ? iso(p.atRisk) : null,
    firstActionAt: firstActionAt === null ? null : iso(firstActionAt),
    resolvedAt: resolvedAt === null ? null : iso(resolvedAt),
    closedAt: closedAt === null ? null : iso(closedAt),
    updatedAt: events.at(-1)!.at,
    changes,
    events,
    recoveries: p.recoveries,
    latent: { cameBack },
  };
}
