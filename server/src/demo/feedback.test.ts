import { crossLaggedPanel } from '@valueloop/stats';
import { describe, expect, it } from 'vitest';
import { validateAnswers } from '../responses/answers.ts';
import { scoreResponse } from '../responses/scoring.ts';
import { generateInteractionsAndResponses } from './feedback.ts';
import { type DemoData, generateDemoData } from './generate.ts';

const asOf = new Date('2025-06-15T12:00:00Z');
const DAY = 86_400_000;
const data = generateDemoData({ seed: 42, asOf });
const { survey, interactions, invitations, responses } = data.feedback;
const interactionById = new Map(interactions.map((i) => [i.externalId, i]));

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

const interactionTimes = (id: string) => {
  const i = interactionById.get(id)!;
  return {
    promisedAt: new Date(i.promisedAt),
    completedAt: i.completedAt === null ? null : new Date(i.completedAt),
  };
};

/** Responses as the loader scores them, with their branch-month. */
function scored(d: DemoData) {
  const byId = new Map(d.feedback.interactions.map((i) => [i.externalId, i]));
  return d.feedback.responses.map((r) => {
    const i = byId.get(r.interactionExternalId)!;
    const times = {
      promisedAt: new Date(i.promisedAt),
      completedAt: i.completedAt === null ? null : new Date(i.completedAt),
    };
    const scores = scoreResponse(d.feedback.survey.definition, r.answers, times);
    return { response: r, unit: i.unitExternalId, month: i.month, cvi: scores.cvi! };
  });
}

/** Branch-month cells: mean CVI, respondents and the panel's latent values. */
function branchMonths(d: DemoData, prefix = '') {
  const panel = new Map(d.panel.map((p) => [`${p.unitExternalId}:${p.month}`, p]));
  const cells = new Map<
    string,
    { unit: string; month: number; sum: number; n: number; V: number; E: number }
  >();
  for (const s of scored(d)) {
    const key = `${s.unit}:${s.month}`;
    const p = panel.get(key)!;
    const cell = cells.get(key) ?? {
      unit: `${prefix}${s.unit}`,
      month: s.month,
      sum: 0,
      n: 0,
      V: p.customerValue,
      E: p.employeeValue,
    };
    cell.sum += s.cvi;
    cell.n++;
    cells.set(key, cell);
  }
  return [...cells.values()].map((c) => ({ ...c, cvi: c.sum / c.n }));
}

describe('demo interactions and responses', () => {
  it('is deterministic for a seed and differs for another', () => {
    const again = generateInteractionsAndResponses({
      seed: 42,
      organization: data,
      people: data.people,
      customers: data.customers,
      asOf,
    });
    expect(again).toEqual(data.feedback);
    const other = generateInteractionsAndResponses({
      seed: 43,
      organization: data,
      people: data.people,
      customers: data.customers,
      asOf,
    });
    expect(other.interactions.slice(0, 20)).not.toEqual(interactions.slice(0, 20));
  });

  it('has the documented volumes', () => {
    expect(interactions.length).toBeGreaterThan(50_000);
    expect(interactions.length).toBeLessThan(70_000);
    // Sampling 0.3 × 75 % with an e-mail address, less quarantine.
    expect(invitations.length / interactions.length).toBeGreaterThan(0.18);
    expect(invitations.length / interactions.length).toBeLessThan(0.23);
    // 25 % answer; invitations of the last days are still open.
    expect(responses.length / invitations.length).toBeGreaterThan(0.22);
    expect(responses.length / invitations.length).toBeLessThan(0.27);
    const half = generateInteractionsAndResponses({
      seed: 42,
      organization: data,
      people: data.people,
      customers: data.customers,
      asOf,
      scale: 0.5,
    });
    expect(half.interactions.length / interactions.length).toBeCloseTo(0.5, 1);
  });

  it('covers 24 months up to asOf, at the home branch, served by its employees', () => {
    const months = new Set(interactions.map((i) => i.month));
    expect([...months].sort((a, b) => a - b)).toEqual([...Array(24).keys()]);
    expect(interactions[0]!.occurredAt >= '2023-07-01').toBe(true);
    expect(interactions.at(-1)!.occurredAt < asOf.toISOString()).toBe(true);
    const person = new Map(data.people.map((p) => [p.externalId, p]));
    const customer = new Map(data.customers.map((c) => [c.externalId, c]));
    for (const i of interactions.slice(0, 5000)) {
      const date = i.occurredAt.slice(0, 10);
      expect(customer.get(i.customerExternalId)!.homeBranchExternalId).toBe(i.unitExternalId);
      expect(i.employeeExternalIds.length).toBeGreaterThanOrEqual(1);
      expect(new Set(i.employeeExternalIds).size).toBe(i.employeeExternalIds.length);
      for (const e of i.employeeExternalIds) {
        const p = person.get(e)!;
        expect(p.unitExternalId).toBe(i.unitExternalId);
        expect(p.hireDate <= date && (p.exitDate === null || p.exitDate > date)).toBe(true);
      }
      if (i.completedAt !== null) expect(i.completedAt > i.promisedAt).toBe(i.latent.promiseBroken);
    }
  });

  it('invites by the distribution rules: e-mail, quarantine, after completion', () => {
    const customer = new Map(data.customers.map((c) => [c.externalId, c]));
    const last = new Map<string, number>();
    for (const v of [...invitations].sort((a, b) => a.sentAt.localeCompare(b.sentAt))) {
      expect(customer.get(v.customerExternalId)!.email).not.toBeNull();
      const sent = Date.parse(v.sentAt);
      const previous = last.get(v.customerExternalId);
      if (previous !== undefined) expect(sent - previous).toBeGreaterThanOrEqual(30 * DAY);
      last.set(v.customerExternalId, sent);
      expect(v.sentAt > interactionById.get(v.interactionExternalId)!.completedAt!).toBe(true);
      expect(Date.parse(v.expiresAt) - sent).toBe(14 * DAY);
      if (v.completedAt) expect(v.completedAt < v.expiresAt).toBe(true);
    }
    expect(invitations.filter((v) => v.completedAt).length).toBe(responses.length);
  });

  it('answers the template validly, with comments and thanks in context', () => {
    const step = Math.max(1, Math.floor(responses.length / 600));
    for (let k = 0; k < responses.length; k += step) {
      const r = responses[k]!;
      expect(validateAnswers(survey.definition, r.answers, { partial: false })).toEqual([]);
      const scores = scoreResponse(
        survey.definition,
        r.answers,
        interactionTimes(r.interactionExternalId),
      );
      expect(scores.cvi).not.toBeNull();
      expect(scores.promiseBroken).not.toBeNull();
      const thanks = r.answers.thanks as string[] | undefined;
      if (thanks) {
        expect(r.answers.nps).toBeGreaterThanOrEqual(9);
        expect(interactionById.get(r.interactionExternalId)!.employeeExternalIds).toEqual(
          expect.arrayContaining(thanks),
        );
      }
    }
    const languages = new Set(responses.map((r) => r.language));
    expect(languages).toEqual(new Set(['en', 'es']));
    const named = responses.filter((r) => {
      const first = data.people.find((p) => p.externalId === r.employeeExternalId)!;
      return (
        typeof r.answers.comment === 'string' &&
        r.answers.comment.includes(first.name.split(' ')[0]!)
      );
    });
    expect(named.length).toBeGreaterThan(50);
  });

  it('makes branch-month mean CVI track the latent customer value as documented', () => {
    const rows = scored(data);
    // Response level: the respondent's CVI against the branch-month latent value.
    const rho = correlation(
      rows.map((r) => r.cvi),
      rows.map((r) => r.response.latent.branchCustomerValue),
    );
    const cells = branchMonths(data);
    const harmonicN = cells.length / cells.reduce((s, c) => s + 1 / c.n, 0);
    // A mean of n responses whose part unrelated to V is independent noise:
    const expected = 1 / Math.sqrt(1 + (1 / rho ** 2 - 1) / harmonicN);
    const observed = correlation(
      cells.map((c) => c.cvi),
      cells.map((c) => c.V),
    );
    const se = (1 - expected ** 2) / Math.sqrt(cells.length);
    console.info(
      `branch-month CVI vs latent V: r = ${observed.toFixed(3)} (expected ${expected.toFixed(3)}, ` +
        `response-level ρ = ${rho.toFixed(3)}, ${cells.length} cells, harmonic n = ${harmonicN.toFixed(2)})`,
    );
    expect(Math.abs(observed - expected)).toBeLessThan(4 * se);
    expect(observed).toBeGreaterThan(0.45);
  });

  it('breaks more promises where the branch-month employee value is low', () => {
    const panel = new Map(
      data.panel.map((p) => [`${p.unitExternalId}:${p.month}`, p.employeeValue]),
    );
    const withE = interactions.map((i) => ({
      broken: i.latent.promiseBroken,
      e: panel.get(`${i.unitExternalId}:${i.month}`)!,
    }));
    const low = withE.filter((x) => x.e < -0.5);
    const high = withE.filter((x) => x.e > 0.5);
    const rate = (xs: typeof withE) => xs.filter((x) => x.broken).length / xs.length;
    const se = Math.sqrt(
      (rate(low) * (1 - rate(low))) / low.length + (rate(high) * (1 - rate(high))) / high.length,
    );
    console.info(
      `broken promises: ${(100 * rate(low)).toFixed(1)} % where E < −0.5, ${(100 * rate(high)).toFixed(1)} % where E > 0.5`,
    );
    expect(rate(low) - rate(high)).toBeGreaterThan(4 * se);
    // The model's own expectation for the low group.
    const { baseRate, employeeValueLogOdds } = data.model.feedback.brokenPromise;
    const p = (e: number) =>
      1 / (1 + Math.exp(-(Math.log(baseRate / (1 - baseRate)) + employeeValueLogOdds * e)));
    const expectedLow = low.reduce((s, x) => s + p(x.e), 0) / low.length;
    expect(Math.abs(rate(low) - expectedLow)).toBeLessThan(
      4 * Math.sqrt((expectedLow * (1 - expectedLow)) / low.length),
    );
  });

  it('lets a pooled cross-lagged regression find customer value driving employee value', () => {
    // Three seeds (90 branches) so the noisy monthly means of ~4.5 responses carry the signal.
    const datasets = [data, ...[43, 44].map((seed) => generateDemoData({ seed, asOf }))];
    const rows = datasets.flatMap((d, k) =>
      branchMonths(d, `${k}:`).map((c) => ({
        unit: c.unit,
        period: c.month,
        customer: c.cvi,
        employee: c.E,
      })),
    );
    const result = crossLaggedPanel({
      data: rows,
      unit: 'unit',
      period: 'period',
      customer: 'customer',
      employee: 'employee',
    });
    const c2e = result.customerToEmployee;
    console.info(
      `pooled cross-lagged: customer→employee ${c2e.coefficient.toFixed(4)} per CVI point ` +
        `(se ${c2e.se.toFixed(4)}, p ${c2e.p.toFixed(4)}, ${result.n} lag pairs, ${result.units} branches)`,
    );
    expect(c2e.coefficient).toBeGreaterThan(0);
    expect(c2e.ciLower).toBeGreaterThan(0);
  });
});
