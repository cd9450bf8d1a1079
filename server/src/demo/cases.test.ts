import { describe, expect, it } from 'vitest';
import { scoreResponse } from '../responses/scoring.ts';
import { createBusinessClock } from './business-clock.ts';
import { generateClosedLoop } from './cases.ts';
import { generateDemoData } from './generate.ts';
import { demoLoopSettings } from './loop-model.ts';
import type { DemoCase } from './loop-records.ts';

const asOf = new Date('2025-06-15T12:00:00Z');
const data = generateDemoData({ seed: 42, asOf });
const { loop } = data;
const settings = demoLoopSettings();
const isOpen = (c: DemoCase) => c.status !== 'resolved' && c.status !== 'closed';
const person = (login: string) => data.people.find((p) => p.demoLogin === login)!;

/** The responses each rule must match, computed from the stored scores without the rule code. */
function expectedMatches(): Map<string, Set<string>> {
  const interactions = new Map(data.feedback.interactions.map((i) => [i.externalId, i]));
  const segment = new Map(data.customers.map((c) => [c.externalId, c.segment]));
  const words = ['fraud', 'complaint', 'rude', 'not interested', 'kept transferring', 'fraude'];
  const out = new Map(settings.rules.map((r) => [r.key, new Set<string>()]));
  for (const r of data.feedback.responses) {
    const i = interactions.get(r.interactionExternalId)!;
    const s = scoreResponse(data.feedback.survey.definition, r.answers, {
      promisedAt: new Date(i.promisedAt),
      completedAt: i.completedAt ? new Date(i.completedAt) : null,
    });
    const comment = typeof r.answers.comment === 'string' ? r.answers.comment.toLowerCase() : '';
    const detractor = s.nps !== null && s.nps <= 6;
    const add = (key: string, when: boolean) => when && out.get(key)!.add(r.interactionExternalId);
    add('detractor', detractor);
    add('low_cvi', s.cvi !== null && s.cvi < 40);
    add('promise_broken', s.promiseBroken === true);
    add('premier_detractor', detractor && segment.get(r.customerExternalId) === 'premier');
    add(
      'complaint_words',
      words.some((w) => comment.includes(w)) || /queja|grosero|me transfer[ií]a/.test(comment),
    );
  }
  return out;
}

describe('demo closed loop', () => {
  it('is deterministic for a seed', () => {
    const again = generateClosedLoop({
      seed: 42,
      organization: data,
      people: data.people,
      customers: data.customers,
      feedback: data.feedback,
      asOf,
    });
    expect(again).toEqual(loop);
  });

  it('opens exactly one case per (response, rule) for every response a rule matches', () => {
    const ordered = loop.cases.every(
      (c, k) => k === 0 || c.openedAt >= loop.cases[k - 1]!.openedAt,
    );
    expect(ordered).toBe(true);
    const keys = loop.cases.map((c) => `${c.interactionExternalId}|${c.ruleKey}`);
    expect(new Set(keys).size).toBe(keys.length);
    const expected = expectedMatches();
    const counts: Record<string, number> = {};
    for (const rule of settings.rules) {
      const got = new Set(
        loop.cases.filter((c) => c.ruleKey === rule.key).map((c) => c.interactionExternalId),
      );
      expect(got, rule.key).toEqual(expected.get(rule.key));
      counts[rule.key] = got.size;
    }
    console.info(`demo cases by rule (seed 42): ${JSON.stringify(counts)}`);
    expect(counts.detractor).toBeGreaterThan(300);
    expect(counts.complaint_words).toBeGreaterThan(10);
    expect(counts.premier_detractor).toBeGreaterThan(20);
  });

  it('records each timeline in strictly increasing time, opened first, nothing after asOf', () => {
    for (const c of loop.cases) {
      const times = c.events.map((e) => Date.parse(e.at));
      expect(times.every((t, k) => k === 0 || t > times[k - 1]!)).toBe(true);
      expect(c.events[0]).toMatchObject({ kind: 'opened', at: c.openedAt, actorExternalId: null });
      expect(times.at(-1)!).toBeLessThanOrEqual(asOf.getTime());
      expect(c.updatedAt).toBe(c.events.at(-1)!.at);
      if (c.firstActionAt) expect(c.firstActionAt >= c.openedAt).toBe(true);
    }
  });

  it('keeps status, times and escalation consistent with the timeline', () => {
    for (const c of loop.cases) {
      const statuses = c.events.filter((e) => e.kind === 'status_changed');
      expect(c.status).toBe(statuses.at(-1)?.data.to ?? 'new');
      if (isOpen(c)) expect(c.resolvedAt).toBeNull();
      else expect(c.resolvedAt! > c.openedAt).toBe(true);
      if (c.status === 'closed') expect(c.closedAt! > c.resolvedAt!).toBe(true);
      if (c.status === 'resolved' || c.status === 'closed') expect(c.rootCause).not.toBeNull();
      const escalated = c.events.filter((e) => e.kind === 'escalated');
      expect(escalated.length).toBe(c.escalationLevel);
      expect(escalated.map((e) => e.data.level)).toEqual(escalated.map((_, k) => k + 1));
      // Each escalation hands the case to the next manager up; the last one owns it.
      if (escalated.length > 0)
        expect(c.ownerExternalId).toBe(escalated.at(-1)!.data.ownerExternalId);
      if (c.escalationLevel > 0) expect(c.breachedAt).not.toBeNull();
      if (c.breachedAt) expect(c.breachedAt > c.dueAt).toBe(true);
      if (c.resolvedAt && c.breachedAt) expect(c.resolvedAt > c.breachedAt).toBe(true);
    }
  });

  it('resolves most cases within the SLA in business time, breaching about 10 %', () => {
    const clock = createBusinessClock(settings.businessHours);
    const sla = new Map(settings.rules.map((r) => [r.key, r.slaHours * 60]));
    for (const c of loop.cases.slice(0, 200)) {
      expect(clock.add(Date.parse(c.openedAt), sla.get(c.ruleKey)!)).toBe(Date.parse(c.dueAt));
    }
    const breached = loop.cases.filter((c) => c.breachedAt).length / loop.cases.length;
    const firstAction = loop.cases
      .filter((c) => c.firstActionAt)
      .map((c) => clock.between(Date.parse(c.openedAt), Date.parse(c.firstActionAt!)))
      .sort((a, b) => a - b);
    const median = firstAction[firstAction.length >> 1]!;
    console.info(
      `demo cases: ${loop.cases.length}, breached ${(100 * breached).toFixed(1)} %, ` +
        `first action median ${median} business minutes`,
    );
    expect(breached).toBeGreaterThan(0.06);
    expect(breached).toBeLessThan(0.16);
    expect(median).toBeGreaterThan(30);
    expect(median).toBeLessThan(180);
  });

  it('leaves the newest cases open, some overdue, and gives the demo logins open cases', () => {
    const open = loop.cases.filter(isOpen);
    expect(open.length).toBeGreaterThan(8);
    expect(open.some((c) => c.breachedAt !== null)).toBe(true);
    expect(open.some((c) => c.dueAt > asOf.toISOString())).toBe(true);
    // Only the demo branch keeps older cases open (waiting on the customer), for its logins.
    const older = loop.cases.filter(
      (c) =>
        Date.parse(c.openedAt) < asOf.getTime() - 30 * 86_400_000 &&
        c.unitExternalId !== person('manager').manages,
    );
    expect(older.every((c) => !isOpen(c))).toBe(true);
    // Overdue cases move up the tree (as the SLA job moves them), so the demo manager sees his
    // branch's open cases through the unit chain; his employee's requests wait for his approval.
    const manager = person('manager');
    const branchOpen = open.filter((c) => c.unitExternalId === manager.manages);
    expect(branchOpen.length).toBeGreaterThanOrEqual(6);
    const pending = loop.notifications.filter(
      (n) => n.kind === 'approval_needed' && n.personExternalId === manager.externalId,
    );
    expect(pending.length).toBeGreaterThanOrEqual(2);
    const requests = branchOpen.flatMap((c) => c.recoveries);
    expect(
      requests.filter((r) => r.takenByExternalId === person('employee').externalId).length,
    ).toBe(2);
    for (const n of loop.notifications) expect(isOpen(loop.cases[n.caseIndex]!)).toBe(true);
  });

  it('keeps recoveries in money with two decimals, within allowance unless approved', () => {
    const recoveries = loop.cases.flatMap((c) => c.recoveries);
    expect(recoveries.length).toBeGreaterThan(100);
    const cap = { employee: 25, manager: 150 };
    const budget = { employee: 300, manager: 2000 };
    const isManager = new Set(data.people.filter((p) => p.manages).map((p) => p.externalId));
    const spent = new Map<string, number>();
    for (const r of recoveries) {
      expect(r.amount).toMatch(/^\d{1,10}\.\d{2}$/);
      expect(Number(r.amount)).toBeGreaterThanOrEqual(0);
      const role = isManager.has(r.takenByExternalId) ? 'manager' : 'employee';
      if (r.status === 'taken') {
        expect(Number(r.amount)).toBeLessThanOrEqual(cap[role]);
        const key = `${r.takenByExternalId}|${r.createdAt.slice(0, 7)}`;
        spent.set(key, (spent.get(key) ?? 0) + Number(r.amount));
        expect(spent.get(key)!).toBeLessThanOrEqual(budget[role]);
      }
      if (r.status === 'approved' || r.status === 'rejected') {
        expect(r.decidedByExternalId).not.toBe(r.takenByExternalId);
        expect(r.decidedAt! > r.createdAt).toBe(true);
      }
    }
    const statuses = new Set(recoveries.map((r) => r.status));
    expect([...statuses].sort()).toEqual(['approved', 'pending_approval', 'rejected', 'taken']);
  });

  it('draws root causes with a Pareto shape that differs by branch', () => {
    const byBranch = new Map<string, Map<string, number>>();
    for (const c of loop.cases) {
      if (!c.rootCause || !c.unitExternalId.startsWith('BR-')) continue;
      const counts = byBranch.get(c.unitExternalId) ?? new Map<string, number>();
      counts.set(c.rootCause, (counts.get(c.rootCause) ?? 0) + 1);
      byBranch.set(c.unitExternalId, counts);
    }
    const tops = [...byBranch.values()].map((counts) => {
      const sorted = [...counts].sort((a, b) => b[1] - a[1]);
      const total = sorted.reduce((s, [, n]) => s + n, 0);
      return { cause: sorted[0]![0], share: (sorted[0]![1] + (sorted[1]?.[1] ?? 0)) / total };
    });
    // Two causes carry far more than 2 of 12 causes would; branches disagree on which.
    expect(tops.reduce((s, t) => s + t.share, 0) / tops.length).toBeGreaterThan(0.4);
    expect(new Set(tops.map((t) => t.cause)).size).toBeGreaterThanOrEqual(5);
  });

  it('answers re-surveys better after a recovery', () => {
    const gains = (recovered: boolean) =>
      loop.cases
        .filter(
          (c) =>
            c.recoveries.some((r) => r.status === 'taken' || r.status === 'approved') === recovered,
        )
        .flatMap((c) => c.events.filter((e) => e.kind === 'resurvey_answered'))
        .map((e) => (e.data.score as number) - (e.data.previousScore as number));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(gains(true).length).toBeGreaterThan(20);
    expect(mean(gains(true))).toBeGreaterThan(mean(gains(false)) + 10);
  });

  it('plans actions for the demo branch and its region with baselines and due follow-ups', () => {
    const manager = person('manager');
    expect(loop.actionPlans.filter((p) => p.unitExternalId === manager.manages)).toHaveLength(3);
    expect(loop.actionPlans).toHaveLength(5);
    for (const plan of loop.actionPlans) {
      expect(plan.baseline.cvi).toBeGreaterThan(30);
      expect(plan.followUp === null).toBe(plan.followUpAt === null);
      if (plan.followUpAt) expect(plan.followUpAt <= asOf.toISOString()).toBe(true);
    }
    expect(loop.actionPlans.some((p) => p.followUp !== null)).toBe(true);
    const tools = loop.actionPlans.filter((p) => p.links.some((l) => l.ref === 'climate.tools'));
    expect(tools.length).toBeGreaterThan(0);
  });
});
