import { describe, expect, it } from 'vitest';
import { demoCausalModel } from './causal-model.ts';
import { addDays, isoDate } from './dates.ts';
import { generateDemoData } from './generate.ts';
import { generateOrganization, supportOrder } from './organization.ts';
import { HIRE_WINDOW_DAYS } from './people.ts';

const asOf = new Date('2025-06-15T12:00:00Z');
const data = generateDemoData({ seed: 42, asOf });
const active = data.people.filter((p) => !p.exitDate);

/** Pearson correlation. */
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

/** Large-sample standard error of a correlation estimate around the true ρ. */
const correlationSe = (rho: number, n: number) => (1 - rho * rho) / Math.sqrt(n);

/** OLS of y on two centred predictors: coefficients and their standard errors. */
function regress2(y: number[], x1: number[], x2: number[]) {
  const n = y.length;
  const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / n;
  const [my, m1, m2] = [mean(y), mean(x1), mean(x2)];
  let s11 = 0;
  let s22 = 0;
  let s12 = 0;
  let s1y = 0;
  let s2y = 0;
  for (let i = 0; i < n; i++) {
    const a = x1[i]! - m1;
    const b = x2[i]! - m2;
    const c = y[i]! - my;
    s11 += a * a;
    s22 += b * b;
    s12 += a * b;
    s1y += a * c;
    s2y += b * c;
  }
  const det = s11 * s22 - s12 * s12;
  const b1 = (s22 * s1y - s12 * s2y) / det;
  const b2 = (s11 * s2y - s12 * s1y) / det;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i]! - my - b1 * (x1[i]! - m1) - b2 * (x2[i]! - m2);
    rss += r * r;
  }
  const sigma2 = rss / (n - 3);
  return { b1, b2, se1: Math.sqrt((sigma2 * s22) / det), se2: Math.sqrt((sigma2 * s11) / det) };
}

/** OLS slope of y on x with its standard error. */
function regress1(y: number[], x: number[]) {
  const n = y.length;
  const mx = x.reduce((s, a) => s + a, 0) / n;
  const my = y.reduce((s, a) => s + a, 0) / n;
  let sxx = 0;
  let sxy = 0;
  x.forEach((xi, i) => {
    sxx += (xi - mx) ** 2;
    sxy += (xi - mx) * (y[i]! - my);
  });
  const slope = sxy / sxx;
  const rss = y.reduce((s, yi, i) => s + (yi - my - slope * (x[i]! - mx)) ** 2, 0);
  return { slope, se: Math.sqrt(rss / (n - 2) / sxx) };
}

describe('demo generator', () => {
  it('produces identical data for the same seed and different data for another seed', () => {
    expect(generateDemoData({ seed: 42, asOf })).toEqual(data);
    const other = generateDemoData({ seed: 43, asOf });
    expect(other.people.map((p) => p.name)).not.toEqual(data.people.map((p) => p.name));
    expect(other.latents).not.toEqual(data.latents);
    expect(other.customers[0]).not.toEqual(data.customers[0]);
  });

  it('builds a retail bank of 3 regions, about 30 branches and 6 back-office units', () => {
    const byLevel = (level: string) => data.units.filter((u) => u.level === level);
    expect(data.organization).toEqual({
      slug: 'harbor-bank',
      name: 'Harbor Savings Bank',
      currency: 'USD',
    });
    expect(byLevel('region')).toHaveLength(3);
    expect(byLevel('branch').length).toBeGreaterThanOrEqual(25);
    expect(byLevel('branch').length).toBeLessThanOrEqual(35);
    expect(byLevel('department').map((u) => u.name)).toEqual(
      expect.arrayContaining(['Loans Processing', 'IT Service Desk', 'Compliance']),
    );
    expect(byLevel('branch').every((b) => b.kind === 'front_line')).toBe(true);
    const ids = new Set(data.units.map((u) => u.externalId));
    expect(
      data.units.every((u) => u.parentExternalId === null || ids.has(u.parentExternalId)),
    ).toBe(true);
  });

  it('staffs about 400 people and 20,000 customers', () => {
    expect(data.people.length).toBeGreaterThanOrEqual(350);
    expect(data.people.length).toBeLessThanOrEqual(480);
    expect(data.customers).toHaveLength(20_000);
    const exited = data.people.length - active.length;
    expect(exited).toBeGreaterThan(10);
    expect(exited).toBeLessThan(100);
  });

  it('gives every unit exactly one active manager who works in it', () => {
    for (const unit of data.units) {
      const managers = data.people.filter((p) => p.manages === unit.externalId);
      expect(managers, unit.name).toHaveLength(1);
      expect(managers[0]!.exitDate).toBeNull();
      expect(managers[0]!.unitExternalId).toBe(unit.externalId);
    }
  });

  it('gives every branch at least the minimum group size of active people', () => {
    for (const branch of data.units.filter((u) => u.level === 'branch')) {
      const staff = active.filter((p) => p.unitExternalId === branch.externalId);
      expect(staff.length, branch.name).toBeGreaterThanOrEqual(5);
      expect(staff.length).toBe(branch.headcount);
    }
  });

  it('keeps hire dates within five years and exits between hire and today', () => {
    const today = isoDate(asOf);
    const earliest = addDays(today, -HIRE_WINDOW_DAYS);
    for (const p of data.people) {
      expect(p.hireDate >= earliest && p.hireDate <= today, p.hireDate).toBe(true);
      if (p.exitDate) expect(p.exitDate > p.hireDate && p.exitDate < today).toBe(true);
    }
  });

  it('gives unique e-mail addresses and the five demo logins in the right places', () => {
    const emails = data.people.map((p) => p.email.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
    const login = (key: string) => data.people.find((p) => p.demoLogin === key)!;
    expect(login('admin')).toMatchObject({ email: 'admin@harbor.example', roles: ['admin'] });
    expect(login('analyst')).toMatchObject({ email: 'analyst@harbor.example', roles: ['analyst'] });
    expect(login('executive')).toMatchObject({ email: 'ceo@harbor.example', roles: ['executive'] });
    const manager = login('manager');
    const employee = login('employee');
    expect(manager.roles).toEqual(['manager']);
    expect(employee.roles).toEqual(['employee']);
    expect(employee.unitExternalId).toBe(manager.unitExternalId);
    expect(manager.manages).toBe(manager.unitExternalId);
    expect(
      active.filter((p) => p.unitExternalId === manager.unitExternalId).length,
    ).toBeGreaterThanOrEqual(8);
    expect([manager, employee].every((p) => p.exitDate === null)).toBe(true);
  });

  it('draws support edges only from back-office units, without cycles', () => {
    const kind = new Map(data.units.map((u) => [u.externalId, u.kind]));
    expect(data.supportEdges.length).toBeGreaterThan(30);
    for (const e of data.supportEdges) {
      expect(kind.get(e.fromExternalId)).toBe('back_office');
      expect(kind.has(e.toExternalId)).toBe(true);
      expect(e.fromExternalId).not.toBe(e.toExternalId);
    }
    expect(() => supportOrder(data.units, data.supportEdges)).not.toThrow();
    expect(() =>
      supportOrder(data.units, [
        ...data.supportEdges,
        { fromExternalId: 'BO-LOANS', toExternalId: 'BO-IT' },
      ]),
    ).toThrow(/cycle/);
    const branchesServed = new Set(
      data.supportEdges.filter((e) => e.toExternalId.startsWith('BR-')).map((e) => e.toExternalId),
    );
    expect(branchesServed.size).toBe(data.units.filter((u) => u.level === 'branch').length);
  });
});

describe('demo causal model', () => {
  // Pool many seeds: each organization has only ~40 units.
  const orgs = Array.from({ length: 40 }, (_, i) => generateOrganization({ seed: 1000 + i }));
  const latents = orgs.flatMap((o) => o.latents);
  const p = demoCausalModel.paths;

  it('makes unit leadership correlate with climate at the documented coefficient', () => {
    const r = correlation(
      latents.map((l) => l.leadership),
      latents.map((l) => l.climate),
    );
    const tolerance = 4 * correlationSe(p.leadershipToClimate, latents.length);
    expect(Math.abs(r - p.leadershipToClimate)).toBeLessThan(tolerance);
  });

  it('makes unit employee value drive unit customer value with the documented slope', () => {
    const front = latents.filter((l) => l.customerValue !== null);
    const { slope, se } = regress1(
      front.map((l) => l.customerValue!),
      front.map((l) => l.employeeValue),
    );
    expect(Math.abs(slope - p.employeeValueToCustomerValue)).toBeLessThan(4 * se);
  });

  it('chains customer value → satisfaction → loyalty at the documented coefficients', () => {
    const c = data.customers.map((x) => x.latent);
    const n = c.length;
    const rVs = correlation(
      c.map((x) => x.customerValue),
      c.map((x) => x.satisfaction),
    );
    const rSy = correlation(
      c.map((x) => x.satisfaction),
      c.map((x) => x.loyalty),
    );
    expect(Math.abs(rVs - p.customerValueToSatisfaction)).toBeLessThan(
      4 * correlationSe(p.customerValueToSatisfaction, n),
    );
    expect(Math.abs(rSy - p.satisfactionToLoyalty)).toBeLessThan(
      4 * correlationSe(p.satisfactionToLoyalty, n),
    );
    const loyal = c.filter((x) => x.loyalty > 1).map((x) => x.purchaseRate);
    const disloyal = c.filter((x) => x.loyalty < -1).map((x) => x.purchaseRate);
    const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
    expect(mean(loyal)).toBeGreaterThan(mean(disloyal) * 1.5);
  });

  it('recovers the cross-lagged coefficients from the monthly branch panel', () => {
    const cl = demoCausalModel.crossLagged;
    const yE: number[] = [];
    const yV: number[] = [];
    const xE: number[] = [];
    const xV: number[] = [];
    for (const org of orgs.slice(0, 10)) {
      const baseline = new Map(org.latents.map((l) => [l.unitExternalId, l]));
      const series = new Map<string, typeof org.panel>();
      for (const m of org.panel)
        series.set(m.unitExternalId, [...(series.get(m.unitExternalId) ?? []), m]);
      for (const [unit, months] of series) {
        const b = baseline.get(unit)!;
        expect(months.map((m) => m.month)).toEqual([...Array(cl.months).keys()]);
        for (let t = 0; t + 1 < months.length; t++) {
          xE.push(months[t]!.employeeValue - b.employeeValue);
          xV.push(months[t]!.customerValue - b.customerValue!);
          yE.push(months[t + 1]!.employeeValue - b.employeeValue);
          yV.push(months[t + 1]!.customerValue - b.customerValue!);
        }
      }
    }
    const toEmployee = regress2(yE, xE, xV);
    const toCustomer = regress2(yV, xV, xE);
    expect(Math.abs(toEmployee.b2 - cl.customerToEmployee)).toBeLessThan(4 * toEmployee.se2);
    expect(Math.abs(toCustomer.b2 - cl.employeeToCustomer)).toBeLessThan(4 * toCustomer.se2);
    expect(Math.abs(toEmployee.b1 - cl.employeeValueStability)).toBeLessThan(4 * toEmployee.se1);
  });

  it('lets people with lower employee value leave more often', () => {
    const people = Array.from({ length: 10 }, (_, i) =>
      generateDemoData({ seed: 2000 + i, asOf, customerCount: 0 }),
    ).flatMap((d) => d.people.filter((x) => !x.manages && !x.demoLogin));
    const left = people.filter((x) => x.exitDate).map((x) => x.latent.employeeValue);
    const stayed = people.filter((x) => !x.exitDate).map((x) => x.latent.employeeValue);
    const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
    // Individual employee value has variance ≈ 1, so the standard error of the difference is:
    const se = Math.sqrt(1 / left.length + 1 / stayed.length);
    expect(mean(stayed) - mean(left)).toBeGreaterThan(2 * se);
  });
});
