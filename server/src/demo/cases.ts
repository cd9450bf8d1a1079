import type { SurveyDefinition } from '@valueloop/contracts';
import { generateActionPlans } from './action-plans.ts';
import { createBusinessClock } from './business-clock.ts';
import { type CaseContext, type CasePlan, drawCase } from './case-timeline.ts';
import { type DemoLoopModel, demoLoopModel, demoLoopSettings } from './loop-model.ts';
import type { DemoCase, DemoLoop, DemoNotification } from './loop-records.ts';
import { matchesConditions, type ScoredDemoResponse, scoreDemoResponse } from './loop-rules.ts';
import { createRng } from './prng.ts';
import type { DemoCustomer, DemoFeedback, DemoOrganization, DemoPerson } from './records.ts';
import { RecoveryLedger } from './recoveries.ts';

/** Rules whose cases are about a dissatisfied customer (candidates for a recovery). */
const RECOVERY_RULES = ['detractor', 'premier_detractor', 'low_cvi'];

/**
 * The closed loop of the demo history: the organization's loop settings, one case per
 * (response, rule) for every generated response a demo rule matches, each handled as the
 * services would have recorded it (see case-timeline.ts), recoveries, in-app notifications for
 * the open cases and action plans. Pure: same inputs, same records.
 */
export function generateClosedLoop(opts: {
  seed: number;
  model?: DemoLoopModel;
  organization: DemoOrganization;
  people: DemoPerson[];
  customers: DemoCustomer[];
  feedback: DemoFeedback;
  asOf: Date;
}): DemoLoop {
  const model = opts.model ?? demoLoopModel;
  const settings = demoLoopSettings();
  const rng = createRng(opts.seed).fork('loop');
  const asOfMs = opts.asOf.getTime();
  const { units } = opts.organization;
  const unitById = new Map(units.map((u) => [u.externalId, u]));
  const personById = new Map(opts.people.map((p) => [p.externalId, p]));
  const managerByUnit = new Map(
    opts.people.filter((p) => p.manages).map((p) => [p.manages!, p.externalId]),
  );
  const ceo = managerByUnit.get(units.find((u) => u.level === 'head_office')!.externalId)!;
  const managerOfUnit = (unit: string) => managerByUnit.get(unit) ?? ceo;
  // As the SLA job walks the tree: from the person's unit up, the first manager who is not them.
  const nextManager = (person: string | null, caseUnit: string): string | null => {
    let unit: string | null | undefined =
      person === null ? caseUnit : personById.get(person)!.unitExternalId;
    while (unit) {
      const manager = managerByUnit.get(unit);
      if (manager && manager !== person) return manager;
      unit = unitById.get(unit)?.parentExternalId;
    }
    return null;
  };
  // As the recovery service finds approvers: up from the case's unit, the first manager who is
  // not the taker; with nobody above, an admin.
  const admin = opts.people.find((p) => p.demoLogin === 'admin')!.externalId;
  const approverOf = (person: string, caseUnit: string) => {
    for (let unit: string | null | undefined = caseUnit; unit; ) {
      const manager = managerByUnit.get(unit);
      if (manager && manager !== person) return manager;
      unit = unitById.get(unit)?.parentExternalId;
    }
    return admin;
  };
  const queueMembers = opts.people
    .filter((p) => p.unitExternalId === settings.queue.unitExternalId && !p.manages && !p.exitDate)
    .slice(0, settings.queue.members)
    .map((p) => p.externalId);

  // Each unit ranks the leaf causes its own way (Pareto-like weights 1/rank^s).
  const leaves = settings.rootCauses.flatMap((c) => c.children.map((leaf) => `${c.name}/${leaf}`));
  const causeRng = rng.fork('root-causes');
  const unitRanking = new Map(units.map((u) => [u.externalId, causeRng.shuffle(leaves)]));
  const rootCauseWeights = (unit: string, ruleKey: string) => {
    const paths = unitRanking.get(unit)!;
    const affinity = model.ruleCauseAffinity[ruleKey] ?? {};
    return {
      paths,
      weights: paths.map((path, rank) => (affinity[path] ?? 1) / (rank + 1) ** model.rootCauseZipf),
    };
  };

  // 1. Which rules match which responses (exactly one case per pair), in submission order.
  const scored = scoreResponses(opts.feedback, opts.customers);
  const matches = scored.flatMap((s) =>
    settings.rules
      .filter((rule) => matchesConditions(s, rule.conditions))
      .map((rule) => ({ s, rule })),
  );
  matches.sort((a, b) => (a.s.response.submittedAt < b.s.response.submittedAt ? -1 : 1));
  // Later visits of the customers with a case (for "came back").
  const visitsByCustomer = new Map(
    matches.map((m) => [m.s.response.customerExternalId, [] as number[]]),
  );
  for (const i of opts.feedback.interactions) {
    visitsByCustomer.get(i.customerExternalId)?.push(Date.parse(i.occurredAt));
  }

  const ctx: CaseContext = {
    model,
    settings,
    clock: createBusinessClock(settings.businessHours),
    asOfMs,
    unitName: (unit) => unitById.get(unit)?.name ?? unit,
    managerOfUnit,
    nextManager,
    approverOf,
    isManager: (person) => personById.get(person)?.manages != null,
    queueMembers,
    rootCauseWeights,
    ledger: new RecoveryLedger(settings),
    visits: (customer) => visitsByCustomer.get(customer) ?? [],
  };

  // 2. The demo branch: its manager's latest cases stay open, two are handed to the demo employee
  // with a recovery above the employee's cap that waits for the manager's approval.
  const manager = opts.people.find((p) => p.demoLogin === 'manager')!;
  const employee = opts.people.find((p) => p.demoLogin === 'employee')!;
  const managerCases = matches
    .map((m, index) => ({ m, index }))
    .filter(
      ({ m }) =>
        m.s.response.unitExternalId === manager.manages && m.rule.owner.kind === 'unit_manager',
    );
  const keep = model.demoBranchOpen;
  const planFor = new Map<number, Partial<CasePlan>>();
  managerCases.slice(-(keep.manager + keep.employee)).forEach(({ index }, k) => {
    const delegated = k < keep.employee;
    planFor.set(index, {
      keepOpen: true,
      delegateTo: delegated ? employee.externalId : null,
      pendingAmount: delegated ? [35, 45][k % 2]! : null,
    });
  });

  // 3. Handle every case; one recovery at most per dissatisfied response.
  const recoveryRng = rng.fork('recovery-choice');
  const recovered = new Set<string>();
  const cases: DemoCase[] = matches.map(({ s, rule }, index) => {
    const key = s.response.interactionExternalId;
    const eligible = RECOVERY_RULES.includes(rule.key) && !recovered.has(key);
    const recover = eligible && recoveryRng.chance(model.recoveryShare);
    if (eligible) recovered.add(key);
    const plan: CasePlan = {
      keepOpen: false,
      delegateTo: null,
      recover,
      pendingAmount: null,
      ...planFor.get(index),
    };
    if (plan.pendingAmount !== null) plan.recover = false;
    return drawCase(rng.fork(`case:${key}:${rule.key}`), ctx, s, rule, plan);
  });
  // The loader numbers cases in this order: by opening time, as live cases are numbered.
  cases.sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : 0));

  return {
    settings,
    queueMemberExternalIds: queueMembers,
    cases,
    notifications: notificationsFor(cases, approverOf),
    actionPlans: generateActionPlans({
      settings,
      model,
      organization: opts.organization,
      people: opts.people,
      scored,
      cases,
      asOf: opts.asOf,
    }),
  };
}

function scoreResponses(feedback: DemoFeedback, customers: DemoCustomer[]): ScoredDemoResponse[] {
  const definition: SurveyDefinition = feedback.survey.definition;
  const interactionById = new Map(feedback.interactions.map((i) => [i.externalId, i]));
  const customerById = new Map(customers.map((c) => [c.externalId, c]));
  return feedback.responses.map((r) =>
    scoreDemoResponse(
      definition,
      r,
      interactionById.get(r.interactionExternalId)!,
      customerById.get(r.customerExternalId)!,
    ),
  );
}

/** In-app notifications the services would have left for the open cases. */
function notificationsFor(
  cases: DemoCase[],
  approverOf: (person: string, caseUnit: string) => string,
): DemoNotification[] {
  const out: DemoNotification[] = [];
  cases.forEach((c, caseIndex) => {
    if (c.status === 'resolved' || c.status === 'closed') return;
    const assigned = c.events.findLast((e) => e.kind === 'opened' || e.kind === 'assigned');
    const escalatedAway = c.events.some((e) => e.kind === 'escalated');
    if (c.ownerExternalId && assigned && !escalatedAway) {
      out.push({
        personExternalId: c.ownerExternalId,
        kind: 'case_assigned',
        caseIndex,
        title: `New case: ${c.title}`,
        body: `A ${c.priority} priority case was assigned to you.`,
        createdAt: assigned.at,
      });
    }
    if (c.ownerExternalId && c.atRiskNotifiedAt) {
      out.push({
        personExternalId: c.ownerExternalId,
        kind: 'sla_at_risk',
        caseIndex,
        title: `SLA at risk: ${c.title}`,
        body: `Due ${c.dueAt.slice(0, 16).replace('T', ' ')} UTC.`,
        createdAt: c.atRiskNotifiedAt,
      });
    }
    const escalated = c.events.findLast((e) => e.kind === 'escalated');
    if (escalated) {
      out.push({
        personExternalId: escalated.data.ownerExternalId as string,
        kind: 'case_escalated',
        caseIndex,
        level: escalated.data.level as number,
        title: `Escalated (level ${escalated.data.level}): ${c.title}`,
        body: `${c.title} missed its due time and is now yours.`,
        createdAt: escalated.at,
      });
    }
    for (const r of c.recoveries) {
      if (r.status !== 'pending_approval') continue;
      out.push({
        personExternalId: approverOf(r.takenByExternalId, c.unitExternalId),
        kind: 'approval_needed',
        caseIndex,
        title: `Approval needed: ${r.type} of ${r.amount}`,
        body: r.note,
        createdAt: r.createdAt,
      });
    }
  });
  return out;
}
