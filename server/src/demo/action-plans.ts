import { mentionsTheme } from '../action-plans/comment-words.ts';
import { addDays, isoDate } from './dates.ts';
import type { DemoLoopModel, DemoLoopSettings } from './loop-model.ts';
import type { DemoActionPlan, DemoCase } from './loop-records.ts';
import type { ScoredDemoResponse } from './loop-rules.ts';
import type { DemoOrganization, DemoPerson } from './records.ts';

const DAY = 86_400_000;

/**
 * The outer loop: the action plans of the demo manager's branch and its region, linked to root
 * causes, customer themes and pulse items, with the baseline of the measures (the
 * `planWindowDays` before creation) and, once the follow-up is due, the same measures from
 * creation to the follow-up, as the follow-up job computes them.
 */
export function generateActionPlans(opts: {
  settings: DemoLoopSettings;
  model: DemoLoopModel;
  organization: DemoOrganization;
  people: DemoPerson[];
  scored: ScoredDemoResponse[];
  cases: DemoCase[];
  asOf: Date;
}): DemoActionPlan[] {
  const manager = opts.people.find((p) => p.demoLogin === 'manager')!;
  const branch = manager.manages!;
  const region = opts.organization.units.find((u) => u.externalId === branch)!.parentExternalId!;
  const regionHead = opts.people.find((p) => p.manages === region)!;
  const subtree = (unit: string) =>
    new Set([
      unit,
      ...opts.organization.units
        .filter((u) => u.parentExternalId === unit)
        .map((u) => u.externalId),
    ]);
  const today = isoDate(opts.asOf);
  const window = opts.model.planWindowDays * DAY;

  // The measures of action-plans/plan-measures.ts over (from, to]: CVI, NPS, and per link the
  // pulse item's mean, a root cause's cases and a theme's mentions per 30 days. Root causes are
  // keyed by path here; the loader puts their ids in.
  const measures = (
    units: Set<string>,
    from: number,
    to: number,
    links: DemoActionPlan['links'],
  ) => {
    const inWindow = (at: string) => {
      const t = Date.parse(at);
      return t > from && t <= to;
    };
    const per30 = (n: number) => round1((n * 30 * DAY) / Math.max(DAY, to - from));
    const customer = opts.scored.filter(
      (s) => units.has(s.response.unitExternalId) && inWindow(s.response.submittedAt),
    );
    const out: Record<string, number | null> = {
      cvi: mean(customer.flatMap((s) => (s.cvi === null ? [] : [s.cvi]))),
      nps: netPromoterScore(customer),
    };
    for (const link of links) {
      if (link.kind === 'pulse_item') {
        // Employee results leave only through the confidentiality engine, as released cells,
        // and the demo's waves are released by jobs after the load: no pulse baseline here.
        out[link.ref] = null;
      } else if (link.kind === 'root_cause') {
        const n = opts.cases.filter(
          (c) => c.rootCause === link.ref && units.has(c.unitExternalId) && inWindow(c.openedAt),
        ).length;
        out[`root_cause:${link.ref}`] = per30(n);
      } else {
        const n = customer.filter((s) => s.comment && mentionsTheme(s.comment, link.ref)).length;
        out[`theme:${link.ref}`] = per30(n);
      }
    }
    return out;
  };

  return opts.settings.actionPlans.map((p) => {
    const unit = p.scope === 'demo_branch' ? branch : region;
    const units = subtree(unit);
    const created = Date.parse(`${addDays(today, -p.createdDaysAgo)}T17:30:00Z`);
    const followUpAt = created + p.followUpWeeks * 7 * DAY;
    const due = followUpAt <= opts.asOf.getTime();
    return {
      unitExternalId: unit,
      ownerExternalId: p.scope === 'demo_branch' ? manager.externalId : regionHead.externalId,
      title: p.title,
      description: p.description,
      status: p.status,
      dueOn: addDays(today, -p.createdDaysAgo + p.dueInDays),
      followUpWeeks: p.followUpWeeks,
      baseline: measures(units, created - window, created, p.links),
      followUp: due ? measures(units, created, followUpAt, p.links) : null,
      followUpAt: due ? new Date(followUpAt).toISOString() : null,
      createdAt: new Date(created).toISOString(),
      links: p.links,
    };
  });
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function mean(xs: number[]): number | null {
  return xs.length ? round1(xs.reduce((a, b) => a + b, 0) / xs.length) : null;
}

function netPromoterScore(rs: ScoredDemoResponse[]): number | null {
  const rated = rs.filter((s) => s.npsCategory !== null);
  if (rated.length === 0) return null;
  const share = (c: string) => rated.filter((s) => s.npsCategory === c).length / rated.length;
  return round1(100 * (share('promoter') - share('detractor')));
}
