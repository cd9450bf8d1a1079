import { inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { StatsError } from '../errors.ts';
import { crossLaggedPanel } from './cross-lagged.ts';
import { simulatePanel } from './simulate.testutil.ts';

const truth = { customerAr: 0.5, employeeToCustomer: 0.3, employeeAr: 0.4, customerToEmployee: 0 };
const columns = { unit: 'store', period: 'month', customer: 'csat', employee: 'esat' } as const;

describe('crossLaggedPanel estimates', () => {
  it('recovers the true cross-lagged coefficients with pooled OLS', () => {
    const data = simulatePanel(300, 6, truth, 11);
    const r = crossLaggedPanel({ data, ...columns });
    expect(r.n).toBe(300 * 5);
    expect(r.units).toBe(300);
    expect(Math.abs(r.employeeToCustomer.coefficient - 0.3)).toBeLessThan(0.05);
    expect(Math.abs(r.customerToEmployee.coefficient - 0)).toBeLessThan(0.05);
    expect(Math.abs(r.customerStability.coefficient - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(r.employeeStability.coefficient - 0.4)).toBeLessThan(0.05);
    expect(r.verdict).toBe('employee→customer');
    expect(r.summary).toContain('Employee scores predict');
  });

  it('recovers the cross-lagged coefficients with unit fixed effects despite unit heterogeneity', () => {
    const data = simulatePanel(150, 40, truth, 12, 1.5);
    const fe = crossLaggedPanel({ data, ...columns, estimator: 'fixed-effects' });
    expect(Math.abs(fe.employeeToCustomer.coefficient - 0.3)).toBeLessThan(0.05);
    expect(Math.abs(fe.customerToEmployee.coefficient)).toBeLessThan(0.05);
    const pooled = crossLaggedPanel({ data, ...columns });
    // Pooled OLS absorbs the unit effects into the autoregression.
    expect(pooled.customerStability.coefficient).toBeGreaterThan(
      fe.customerStability.coefficient + 0.2,
    );
  });

  it('gives the verdict "both" and "neither" when the truth says so', () => {
    const both = simulatePanel(300, 6, { ...truth, customerToEmployee: 0.25 }, 13);
    expect(crossLaggedPanel({ data: both, ...columns }).verdict).toBe('both');
    const none = simulatePanel(300, 6, { ...truth, employeeToCustomer: 0 }, 14);
    expect(crossLaggedPanel({ data: none, ...columns }).verdict).toBe('neither');
  });

  it('keeps 95% intervals near 95% coverage over repeated simulations', () => {
    let covered = 0;
    const reps = 200;
    for (let s = 0; s < reps; s++) {
      const r = crossLaggedPanel({ data: simulatePanel(40, 5, truth, 1000 + s), ...columns });
      if (r.employeeToCustomer.ciLower <= 0.3 && r.employeeToCustomer.ciUpper >= 0.3) covered++;
      if (r.customerToEmployee.ciLower <= 0 && r.customerToEmployee.ciUpper >= 0) covered++;
    }
    const rate = covered / (2 * reps);
    expect(rate).toBeGreaterThan(0.91);
    expect(rate).toBeLessThan(0.985);
  });
});

describe('crossLaggedPanel inference', () => {
  // Tiny case: 3 stores × 4 months → 9 lag pairs.
  const tiny = [
    [1, 1, 3.0, 2.0, 10],
    [1, 2, 3.5, 2.4, 12],
    [1, 3, 3.1, 2.9, 8],
    [1, 4, 4.0, 3.0, 9],
    [2, 1, 2.0, 3.5, 20],
    [2, 2, 2.6, 3.1, 25],
    [2, 3, 3.3, 3.3, 15],
    [2, 4, 2.9, 4.2, 30],
    [3, 1, 4.1, 1.2, 5],
    [3, 2, 3.7, 1.9, 7],
    [3, 3, 4.4, 2.2, 6],
    [3, 4, 4.6, 1.7, 4],
  ].map(([store, month, csat, esat, n]) => ({ store, month, csat, esat, n }));

  /** CR1 by the textbook formula: adj · (X'WX)⁻¹ Σ_g X_g'W_g e_g e_g'W_g X_g (X'WX)⁻¹. */
  function directCr1(weighted: boolean) {
    const pairs = tiny.flatMap((r, i) => {
      const next = tiny[i + 1];
      return next && next.store === r.store ? [{ r, next }] : [];
    });
    const x = new Matrix(pairs.map(({ r }) => [1, r.csat, r.esat]));
    const y = Matrix.columnVector(pairs.map(({ next }) => next.esat));
    const w = Matrix.diag(pairs.map(({ next }) => (weighted ? next.n : 1)));
    const bread = inverse(x.transpose().mmul(w).mmul(x));
    const beta = bread.mmul(x.transpose()).mmul(w).mmul(y);
    const e = Matrix.sub(y, x.mmul(beta));
    let meat = Matrix.zeros(3, 3);
    for (const g of [1, 2, 3]) {
      const idx = pairs.flatMap((p, i) => (p.r.store === g ? [i] : []));
      const xg = new Matrix(idx.map((i) => x.getRow(i)));
      const weg = Matrix.columnVector(idx.map((i) => w.get(i, i) * e.get(i, 0)));
      const u = xg.transpose().mmul(weg);
      meat = Matrix.add(meat, u.mmul(u.transpose()));
    }
    const n = pairs.length;
    const adj = (3 / 2) * ((n - 1) / (n - 3));
    const v = bread.mmul(meat).mmul(bread).mul(adj);
    return { beta: beta.getColumn(0), se: [0, 1, 2].map((j) => Math.sqrt(v.get(j, j))) };
  }

  it('matches a direct CR1 sandwich computation on a tiny panel (vcovCL HC1)', () => {
    const r = crossLaggedPanel({ data: tiny, ...columns });
    const direct = directCr1(false);
    expect(r.n).toBe(9);
    expect(r.df).toBe(2);
    expect(r.customerToEmployee.coefficient).toBeCloseTo(direct.beta[1], 12);
    expect(r.customerToEmployee.se).toBeCloseTo(direct.se[1], 12);
    expect(r.employeeStability.se).toBeCloseTo(direct.se[2], 12);
    expect(r.equations.employee.standardErrors[0]).toBeCloseTo(direct.se[0], 12);
  });

  it('matches a direct weighted CR1 sandwich computation when weights are given', () => {
    const r = crossLaggedPanel({ data: tiny, ...columns, weight: 'n' });
    const direct = directCr1(true);
    expect(r.customerToEmployee.coefficient).toBeCloseTo(direct.beta[1], 12);
    expect(r.customerToEmployee.se).toBeCloseTo(direct.se[1], 12);
    expect(r.employeeStability.se).toBeCloseTo(direct.se[2], 12);
  });

  it('uses the t distribution with G − 1 degrees of freedom for p-values and intervals', () => {
    const r = crossLaggedPanel({ data: tiny, ...columns });
    const e = r.customerToEmployee;
    // t(0.975, 2) = 4.302653
    expect((e.ciUpper - e.coefficient) / e.se).toBeCloseTo(4.302653, 5);
    expect(e.t).toBeCloseTo(e.coefficient / e.se, 12);
    expect(r.diagnostics.warnings.some((w) => w.includes('Only 3 units'))).toBe(true);
  });

  it('gives a seeded unit-cluster bootstrap close to the robust standard errors', () => {
    const data = simulatePanel(80, 6, truth, 21);
    const run = () =>
      crossLaggedPanel({ data, ...columns, bootstrap: { resamples: 300, seed: 3 } });
    const r = run();
    const b = r.employeeToCustomer.bootstrap!;
    expect(Math.abs(b.se / r.employeeToCustomer.se - 1)).toBeLessThan(0.25);
    expect(b.ciLower).toBeLessThan(r.employeeToCustomer.coefficient);
    expect(run().employeeToCustomer.bootstrap).toEqual(b);
  });
});

describe('crossLaggedPanel lags and input', () => {
  it('builds lags over sortable string periods exactly as over numbers', () => {
    const data = simulatePanel(30, 5, truth, 31);
    const asStrings = data.map((r) => ({
      ...r,
      month: `2024-${String(r.month).padStart(2, '0')}`,
    }));
    const a = crossLaggedPanel({ data, ...columns });
    const b = crossLaggedPanel({ data: asStrings, ...columns });
    expect(b.customerToEmployee.coefficient).toBeCloseTo(a.customerToEmployee.coefficient, 12);
    expect(b.periods[0]).toBe('2024-01');
  });

  it('does not bridge a missing period within a unit and reports the gap', () => {
    const data = simulatePanel(30, 5, truth, 32).filter(
      (r) => !(r.store === 's0' && r.month === 3),
    );
    const r = crossLaggedPanel({ data, ...columns });
    expect(r.n).toBe(30 * 4 - 2);
    expect(r.diagnostics.gaps).toBe(1);
  });

  it('drops rows with missing measures and reports them', () => {
    const data = simulatePanel(30, 5, truth, 33).map((r, i) =>
      i === 0 ? { ...r, csat: Number.NaN } : r,
    );
    const r = crossLaggedPanel({ data, ...columns });
    expect(r.diagnostics.rowsDropped).toBe(1);
    expect(r.n).toBe(30 * 4 - 1);
  });

  it('rejects duplicate unit-period rows and missing columns', () => {
    const data = simulatePanel(5, 3, truth, 34);
    expect(() => crossLaggedPanel({ data: [...data, data[0]], ...columns })).toThrow(StatsError);
    expect(() => crossLaggedPanel({ data, ...columns, employee: 'eNPS' })).toThrow(/eNPS/);
  });
});
