import { describe, expect, it } from 'vitest';
import { StatsError } from '../errors.ts';
import { ols } from './ols.ts';

// Hand-checkable: x = 1..5, y = 2,4,5,4,5 → ŷ = 2.2 + 0.6x, RSS = 2.4, Sxx = 10, TSS = 6.
const x = [1, 2, 3, 4, 5];
const y = [2, 4, 5, 4, 5];

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatsError) return error.code;
    throw error;
  }
  return 'none';
}

describe('ols', () => {
  it('computes coefficients, standard errors, R² and adjusted R² of a simple regression', () => {
    const r = ols({ y, x: { x } });
    expect(r.names).toEqual(['(Intercept)', 'x']);
    expect(r.coefficients[0]).toBeCloseTo(2.2, 12);
    expect(r.coefficients[1]).toBeCloseTo(0.6, 12);
    expect(r.standardErrors[1]).toBeCloseTo(Math.sqrt(0.8 / 10), 12);
    expect(r.standardErrors[0]).toBeCloseTo(Math.sqrt(0.8 * (1 / 5 + 9 / 10)), 12);
    expect(r.rSquared).toBeCloseTo(0.6, 12);
    expect(r.adjRSquared).toBeCloseTo(1 - (0.4 * 4) / 3, 12);
    expect(r.sigma).toBeCloseTo(Math.sqrt(0.8), 12);
    expect(r.dfResidual).toBe(3);
    expect(r.residuals.map((v) => Number(v.toFixed(10)))).toEqual([-0.8, 0.6, 1, -0.6, -0.2]);
  });

  it('gives the two-sided t-test p-value with residual degrees of freedom', () => {
    const r = ols({ y, x: { x } });
    expect(r.tValues[1]).toBeCloseTo(0.6 / Math.sqrt(0.08), 12);
    // R: 2 * pt(-2.12132, 3) = 0.1240
    expect(r.pValues[1]).toBeCloseTo(0.124, 3);
  });

  it('treats integer weights like replicated rows for the coefficients', () => {
    const w = [1, 2, 1, 3, 1];
    const rep = { x: [] as number[], y: [] as number[] };
    w.forEach((k, i) => {
      for (let j = 0; j < k; j++) {
        rep.x.push(x[i]);
        rep.y.push(y[i]);
      }
    });
    const weighted = ols({ y, x: { x }, weights: w });
    const replicated = ols({ y: rep.y, x: { x: rep.x } });
    expect(weighted.coefficients[1]).toBeCloseTo(replicated.coefficients[1], 12);
    expect(weighted.rSquared).toBeCloseTo(replicated.rSquared, 12);
  });

  it('fits without an intercept on request', () => {
    const r = ols({ y: [2, 4, 6.5], x: { x: [1, 2, 3] }, intercept: false });
    expect(r.names).toEqual(['x']);
    expect(r.coefficients[0]).toBeCloseTo((2 + 8 + 19.5) / 14, 12);
  });

  it('throws SINGULAR_MATRIX for collinear regressors, naming the column', () => {
    expect(code(() => ols({ y, x: { x, x2: x.map((v) => 2 * v) } }))).toBe('SINGULAR_MATRIX');
    expect(() => ols({ y, x: { x, x2: x.map((v) => 2 * v) } })).toThrow(/x2/);
  });

  it('throws TOO_FEW_CASES when there are no residual degrees of freedom', () => {
    expect(code(() => ols({ y: [1, 2], x: { x: [1, 3] } }))).toBe('TOO_FEW_CASES');
  });

  it('throws NON_FINITE for NaN or infinite input', () => {
    expect(code(() => ols({ y: [1, 2, Number.NaN, 4], x: { x: [1, 2, 3, 4] } }))).toBe(
      'NON_FINITE',
    );
  });

  it('throws ZERO_VARIANCE for a constant outcome', () => {
    expect(code(() => ols({ y: [3, 3, 3, 3], x: { x: [1, 2, 3, 5] } }))).toBe('ZERO_VARIANCE');
  });
});
