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
  /** The next manager up from a person's unit (the case's unit when null); null at the top. */
  nextManager: (person: string | null, caseUnit: string) => string | null;
  /** Who approves a person's recovery above the allowance. */
  approverOf: (person: string, caseUnit: string) => string;
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

  push(opened, null, 'opened', {
    rule: rule.key,
    ownerExternalId: initialOwner,
    queue: initialOwner === null ? settings.queue.name : null,
  });
  let worker = initialOwner;
  if (initialOwner === null) {
    worker = rng.pick(ctx.queueMembers);
    push(first, worker, 'assigned', { fromExternalId: null, ownerExternalId: worker });
  } else if (plan.delegateTo) {
    push(first, initialOwner, 'assigned', {
      fromExternalId: initialOwner,
      ownerExternalId: plan.delegateTo,
    });
    worker = plan.delegateTo;
  }
  const handler = worker!;

  // The SLA job (cases/sla.ts), every 5 minutes: at the due time the case is breached and goes
  // to the next manager up; each further SLA period unresolved, one level higher; the top of
  // the tree keeps it.
  const escalations: Array<{ at: number; level: number; from: string; to: string }> = [];
  let breachedAt: number | null = null;
  for (let level = 1, owner = handler; ; level++) {
    const step = level === 1 ? due : clock.add(due, (level - 1) * slaMinutes);
    const at = step + rng.int(1, 5) * MINUTE;
    if (at >= resolved || at > asOfMs) break;
    breachedAt ??= at;
    const to = ctx.nextManager(owner, unit);
    if (to === null) break;
    escalations.push({ at, level, from: owner, to });
    owner = to;
  }
  for (const e of escalations) {
    push(e.at, null, 'escalated', {
      level: e.level,
      fromExternalId: e.from,
      ownerExternalId: e.to,
    });
  }
  /** Who owns (and works) the case at an instant. */
  const ownerAt = (t: number) => escalations.findLast((e) => e.at < t)?.to ?? handler;

  push(first + SECOND, handler, 'status_changed', { to: 'in_progress' });
  push(first + rng.int(2, 25) * MINUTE, handler, 'note', { text: rng.pick(settings.notes.first) });

  // Work between the first action and the resolution (or `asOf` for cases still open).
  const workEnd = Number.isFinite(resolved) ? resolved : Math.max(first + HOUR, asOfMs);
  const workMinutes = clock.between(first, workEnd);
  // A moment in business time between `from` and `to` (shares of the work time).
  const during = (from: number, to: number) =>
    clock.add(first, workMinutes * (from + (to - from) * rng.next()));
  if (rng.chance(0.6)) {
    const at = during(0.2, 0.6);
    push(at, ownerAt(at), 'note', { text: rng.pick(settings.notes.followUp) });
  }
  // A case kept open long past the backlog waits on the customer (documents, a call back).
  const waiting = plan.keepOpen && age > days * DAY;
  const reply = rng.chance(model.replyShare) || waiting ? during(0.3, 0.85) : null;
  if (reply !== null) {
    const template = rng.pick(settings.replies);
    push(reply, ownerAt(reply), 'reply_sent', { subject: template.subject, resurvey: true });
    if (rng.chance(0.5) || waiting) {
      push(reply + SECOND, ownerAt(reply), 'status_changed', { to: 'waiting_on_customer' });
    }
  }
  const recoveries: DemoRecovery[] = [];
  if (plan.recover || plan.pendingAmount !== null) {
    // A request for approval is made on the first call, by whoever holds the case then.
    const at =
      plan.pendingAmount !== null
        ? Math.min(clock.add(first, rng.int(20, 90)), due - MINUTE, asOfMs - HOUR)
        : during(0.15, 0.5);
    const taker = ownerAt(at);
    const offer = drawRecoveryOffer(rng, model, settings, plan.pendingAmount ?? undefined);
    const role = ctx.isManager(taker) ? 'manager' : 'employee';
    const within =
      plan.pendingAmount === null && ctx.ledger.withinAllowance(taker, role, at, offer.amount);
    const approver = ctx.approverOf(taker, unit);
    const decidedAt = clock.add(at, logNormal(rng, model.approval.medianMinutes, 0.8));
    const decision =
      within || plan.pendingAmount !== null || decidedAt > asOfMs
        ? null
        : { by: approver, at: decidedAt, approved: rng.chance(model.approval.approvedShare) };
    const record = recoveryRecord({ takenBy: taker, unit, offer, within, createdAt: at, decision });
    if (at <= asOfMs) {
      recoveries.push(record);
      const data = { type: offer.type, amount: record.amount };
      push(at, taker, within ? 'recovery_taken' : 'recovery_requested', data);
      if (decision) {
        const kind = decision.approved ? 'recovery_approved' : 'recovery_rejected';
        push(decision.at, decision.by, kind, data);
      }
      if (record.status === 'taken' || record.status === 'approved')
        ctx.ledger.charge(taker, decision?.at ?? at, offer.amount);
    }
  }
  const atRisk = clock.add(opened, slaMinutes * (1 - model.atRiskShare));
  if (Number.isFinite(resolved)) {
    const closer = ownerAt(resolved);
    const { paths, weights } = ctx.rootCauseWeights(unit, rule.key);
    push(resolved - 2 * MINUTE, closer, 'root_cause_set', {
      rootCause: paths[rng.weightedIndex(weights)]!,
    });
    push(resolved - MINUTE, closer, 'note', { text: rng.pick(settings.notes.resolution) });
    push(resolved, closer, 'status_changed', { to: 'resolved' });
    push(clock.add(resolved, model.closeAfterMinutes), closer, 'status_changed', { to: 'closed' });
    if (reply !== null && scored.csat !== null && rng.chance(model.resurveyAnswerShare)) {
      const recovered = recoveries.some((x) => x.status === 'taken' || x.status === 'approved');
      const rejected = recoveries.some((x) => x.status === 'rejected');
      const g = model.resurveyGain;
      const gain = recovered ? g.withRecovery : rejected ? g.recoveryRejected : g.replyOnly;
      // "Did we put it right?" on the CSAT scale (1–5, stored 0–100).
      const before = scored.csat / 25 + 1;
      const after = Math.max(1, Math.min(5, Math.round(before + gain + 0.8 * rng.normal())));
      // Answered a few hours to days later, while the link is valid (14 days).
      const answered = Math.min(
        Math.max(reply, resolved) + rng.int(2, 72) * HOUR,
        reply + 13 * DAY,
      );
      push(answered, null, 'resurvey_answered', {
        score: (after - 1) * 25,
        previousScore: scored.csat,
        putRight: after >= 4,
      });
    }
  }
  return summarize(ctx, scored, rule, {
    opened,
    due,
    atRisk,
    breachedAt,
    escalationLevel: escalations.length,
    initialOwner,
    planned,
    recoveries,
  });
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
    breachedAt: number | null;
    escalationLevel: number;
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
    } else if (e.kind === 'assigned' || e.kind === 'escalated') {
      owner = e.data.ownerExternalId as string;
      changes++;
    } else if (e.kind === 'root_cause_set') {
      rootCause = e.data.rootCause as string;
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
    language: scored.response.language,
    ownerExternalId: owner,
    inQueue: owner === null,
    title: caseTitle(rule, scored, ctx.unitName(scored.response.unitExternalId)),
    priority: rule.priority,
    status,
    rootCause,
    openedAt: iso(p.opened),
    dueAt: iso(p.due),
    breachedAt: p.breachedAt === null ? null : iso(p.breachedAt),
    escalationLevel: p.escalationLevel,
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

/** The title the rule consumer gives a case: "Broken promise (promise broken) at Bangor". */
function caseTitle(rule: DemoRuleSetting, s: ScoredDemoResponse, unitName: string): string {
  const round = (n: number) => String(Math.round(n * 10) / 10);
  let score: string | null = null;
  for (const c of rule.conditions) {
    if (c.kind === 'score') {
      const fields: Record<string, number | null> = { cvi: s.cvi, nps: s.nps, csat: s.csat };
      const value = fields[c.field] ?? s.items[c.field];
      if (value !== undefined && value !== null) {
        score = `${c.field.length <= 4 ? c.field.toUpperCase() : c.field} ${round(value)}`;
        break;
      }
    }
    if (c.kind === 'nps_category' && s.nps !== null) {
      score = `NPS ${s.nps}`;
      break;
    }
    if (c.kind === 'promise_broken') {
      score = 'promise broken';
      break;
    }
  }
  score ??= s.nps !== null ? `NPS ${s.nps}` : s.cvi === null ? null : `CVI ${round(s.cvi)}`;
  return `${rule.name}${score ? ` (${score})` : ''} at ${unitName}`.slice(0, 300);
}
