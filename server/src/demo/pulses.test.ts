import { describe, expect, it } from 'vitest';
import { scoreEmployeeResponse } from '../pulses/indices.ts';
import { validateAnswers } from '../responses/answers.ts';
import { generateOrganization } from './organization.ts';
import { generatePeople } from './people.ts';
import { demoPulseModel } from './pulse-model.ts';
import type { DemoPulseProgram } from './pulse-records.ts';
import { generateEmployeePulses } from './pulses.ts';

// The 20th: every month's pulse (2nd–16th) has closed, so all 24 months have a wave.
const asOf = new Date('2025-06-20T12:00:00Z');
const seed = 42;
const organization = generateOrganization({ seed });
const people = generatePeople({ seed, organization, asOf });
const pulses = generateEmployeePulses({ seed, organization, people, asOf });
const [pulse, internal, upward] = pulses.programs as [
  DemoPulseProgram,
  DemoPulseProgram,
  DemoPulseProgram,
];
const unitOf = new Map(organization.units.map((u) => [u.externalId, u]));
const latentOf = new Map(organization.latents.map((l) => [l.unitExternalId, l]));

function correlation(x: number[], y: number[]): number {
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xi, i) => {
    sxy += (xi - mx) * (y[i]! - my);
    sxx += (xi - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}
const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

/** Mean of one score per group (unit-month, or unit over all waves), with the group's truth. */
function groupMeans(
  program: DemoPulseProgram,
  code: string,
  keyOf: (unit: string, period: string) => string,
  truthOf: (unit: string, latent: number) => number,
  unitKey: 'unitExternalId' | 'subjectUnitExternalId' = 'unitExternalId',
) {
  const groups = new Map<string, { unit: string; truth: number; scores: number[] }>();
  for (const wave of program.waves) {
    for (const r of wave.responses) {
      const unit = r[unitKey]!;
      const score = scoreEmployeeResponse(program.definition, r.answers)[code];
      if (score === undefined) continue;
      const key = keyOf(unit, wave.period);
      const g = groups.get(key) ?? { unit, truth: truthOf(unit, r.latent.unitValue), scores: [] };
      g.scores.push(score);
      groups.set(key, g);
    }
  }
  return [...groups.values()].filter((g) => g.scores.length >= 5);
}

describe('demo employee pulses (seed 42)', () => {
  it('is deterministic for the same seed and reference date', () => {
    const again = generateEmployeePulses({ seed, organization, people, asOf });
    expect(JSON.stringify(again)).toBe(JSON.stringify(pulses));
    const other = generateEmployeePulses({ seed: 43, organization, people, asOf });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(pulses));
  });

  it('has 24 monthly pulse waves and 8 quarterly waves, all closed by asOf', () => {
    expect(pulses.programs.map((p) => [p.kind, p.cadence, p.waves.length])).toEqual([
      ['employee_pulse', 'monthly', 24],
      ['internal_service', 'quarterly', 8],
      ['manager_upward', 'quarterly', 8],
    ]);
    expect(pulse.waves[0]!.period).toBe('2023-07');
    expect(pulse.waves.at(-1)!.period).toBe('2025-06');
    for (const program of pulses.programs) {
      for (const w of program.waves) {
        expect(Date.parse(w.closesAt)).toBeLessThanOrEqual(asOf.getTime());
        expect(Date.parse(w.opensAt)).toBeGreaterThan(Date.parse(program.publishedAt));
        if (program.cadence === 'quarterly')
          expect(['01', '04', '07', '10']).toContain(w.period.slice(5));
        for (const r of w.responses) {
          expect(
            r.submittedOn >= w.opensAt.slice(0, 10) && r.submittedOn < w.closesAt.slice(0, 10),
          ).toBe(true);
        }
      }
    }
  });

  it('invites exactly the people employed on the opening day (no leavers, no future hires)', () => {
    for (const w of pulse.waves) {
      const day = w.opensAt.slice(0, 10);
      const employed = people.filter(
        (p) => p.hireDate <= day && (p.exitDate === null || p.exitDate > day),
      );
      expect(w.participation.reduce((s, p) => s + p.invited, 0)).toBe(employed.length);
      expect(w.responses).toHaveLength(w.participation.reduce((s, p) => s + p.responded, 0));
    }
    // Internal service: front-line raters only, one row per supporting back-office unit.
    for (const w of internal.waves) {
      for (const r of w.responses) {
        expect(unitOf.get(r.unitExternalId)!.kind).toBe('front_line');
        expect(unitOf.get(r.subjectUnitExternalId!)!.kind).toBe('back_office');
        expect(organization.supportEdges).toContainEqual({
          fromExternalId: r.subjectUnitExternalId,
          toExternalId: r.unitExternalId,
        });
      }
    }
    // Upward: the managers of units, minus the executives (the CEO leads Head Office).
    const executivesLead = new Set(
      people.filter((p) => p.roles.includes('executive') && p.manages).map((p) => p.manages),
    );
    for (const w of upward.waves) {
      for (const p of w.participation) expect(executivesLead.has(p.unitExternalId)).toBe(false);
      for (const p of w.participation) expect(p.invited).toBe(1);
    }
  });

  it('has participation between 55 % and 85 % per wave, varying by unit', () => {
    const { min, max } = demoPulseModel.participation;
    for (const program of [pulse, internal]) {
      for (const w of program.waves) {
        const invited = w.participation.reduce((s, p) => s + p.invited, 0);
        const responded = w.participation.reduce((s, p) => s + p.responded, 0);
        expect(responded / invited).toBeGreaterThan(min);
        expect(responded / invited).toBeLessThan(max);
      }
    }
    const rates = pulse.waves.flatMap((w) => w.participation.map((p) => p.responded / p.invited));
    expect(Math.min(...rates)).toBeLessThan(0.5);
    expect(Math.max(...rates)).toBeGreaterThan(0.9);
  });

  it('includes small groups that the confidentiality engine must suppress', () => {
    for (const w of pulse.waves) {
      const small = w.participation.filter((p) => p.responded > 0 && p.responded < 5);
      expect(small.length, w.period).toBeGreaterThanOrEqual(3);
    }
    // Regions are led by a head with two staff: always below k = 5 on their own.
    const region = organization.units.find((u) => u.level === 'region')!;
    expect(
      people.filter((p) => p.unitExternalId === region.externalId && !p.exitDate).length,
    ).toBeLessThan(5);
  });

  it('answers valid for the survey and scored with every index', () => {
    for (const program of pulses.programs) {
      for (const r of program.waves.flatMap((w) => w.responses).slice(0, 500)) {
        expect(validateAnswers(program.definition, r.answers, { partial: false })).toEqual([]);
      }
    }
    const scores = pulse.waves[10]!.responses.map((r) =>
      scoreEmployeeResponse(pulse.definition, r.answers),
    );
    for (const code of ['evi', 'climate', 'leadership', 'identity', 'stay', 'enps', 'attitude']) {
      expect(scores.filter((s) => s[code] !== undefined).length, code).toBeGreaterThan(
        scores.length * 0.9,
      );
    }
    const bands = new Set(pulse.waves.flatMap((w) => w.responses.map((r) => r.tenureBand)));
    expect([...bands].sort()).toEqual(['1-3y', '3-12m', '3y+', '<3m']);
    const comments = pulse.waves.flatMap((w) => w.responses).filter((r) => r.answers.comment);
    expect(comments.length).toBeGreaterThan(200);
  });

  it('unit-month mean EVI follows the latent employee value E_{u,t} of the panel', () => {
    const groups = groupMeans(
      pulse,
      'evi',
      (u, period) => `${u}|${period}`,
      (_u, e) => e,
    );
    const r = correlation(
      groups.map((g) => g.truth),
      groups.map((g) => mean(g.scores)),
    );
    expect(groups.length).toBeGreaterThan(400);
    expect(r).toBeGreaterThan(0.75);
    // Within a branch, month-to-month changes follow the panel too: deviations from the
    // branch's own mean over the months correlate with dE_{u,t}.
    const byUnit = new Map<string, Array<{ truth: number; score: number }>>();
    for (const g of groupMeans(
      pulse,
      'evi',
      (u, p) => `${u}|${p}`,
      (u, e) => e - latentOf.get(u)!.employeeValue,
    )) {
      const unit = g.unit;
      byUnit.set(unit, [...(byUnit.get(unit) ?? []), { truth: g.truth, score: mean(g.scores) }]);
    }
    const within = [...byUnit.values()]
      .filter((s) => s.length >= 12)
      .flatMap((series) => {
        const mt = mean(series.map((x) => x.truth));
        const ms = mean(series.map((x) => x.score));
        return series.map((x) => [x.truth - mt, x.score - ms] as const);
      });
    const rWithin = correlation(
      within.map((x) => x[0]),
      within.map((x) => x[1]),
    );
    console.log(
      `EVI vs latent: unit-month r = ${r.toFixed(2)} (${groups.length}), within-branch r = ${rWithin.toFixed(2)} (${within.length})`,
    );
    expect(rWithin).toBeGreaterThan(0.3);
  });

  it('unit means of leadership, climate and internal service follow their latents', () => {
    const leadership = groupMeans(
      pulse,
      'leadership',
      (u) => u,
      (u) => latentOf.get(u)!.leadership,
    );
    const climate = groupMeans(
      pulse,
      'climate',
      (u) => u,
      (u) => latentOf.get(u)!.climate,
    );
    const isq = groupMeans(
      internal,
      'isq',
      (u) => u,
      (u) => latentOf.get(u)!.internalServiceQuality!,
      'subjectUnitExternalId',
    );
    for (const [name, groups] of [
      ['leadership', leadership],
      ['climate', climate],
      ['isq', isq],
    ] as const) {
      const r = correlation(
        groups.map((g) => g.truth),
        groups.map((g) => mean(g.scores)),
      );
      expect(r, name).toBeGreaterThan(0.8);
    }
  });
});
