import { describe, expect, it } from 'vitest';
import { estimatePls } from './estimate.ts';
import { ECSI_MODEL, readCsvColumns, readCsvRows, readExpected } from './testing/refdata.ts';

type Nested = Record<string, Record<string, number>>;
interface Expected {
  outer_weights: Nested;
  outer_loadings: Nested;
  path_coefficients: Record<string, number>;
  r_squared: Record<string, number>;
  r_squared_adjusted: Record<string, number>;
  total_effects: Nested;
  total_indirect_effects: Nested;
  construct_correlations: Nested;
  reliability_seminr: Record<string, { alpha: number; rhoC: number; AVE: number; rhoA: number }>;
}

const expected = readExpected<Expected>('pls_ecsi_mobi.json');
const mobi = readCsvColumns('data/mobi.csv');
const fit = estimatePls({ data: mobi, model: ECSI_MODEL, scheme: 'path' });

function expectNestedClose(actual: Nested, reference: Nested, tol: number): void {
  for (const [a, inner] of Object.entries(reference)) {
    for (const [b, v] of Object.entries(inner)) {
      expect(Math.abs(actual[a][b] - v), `${a}/${b}`).toBeLessThan(tol);
    }
  }
}

describe('PLS-PM on the ECSI model (mobi, path weighting) against seminr', () => {
  it('reproduces the outer weights to 1e-9', () => {
    expectNestedClose(fit.outerWeights, expected.outer_weights, 1e-9);
  });

  it('reproduces the outer loadings to 1e-9', () => {
    expectNestedClose(fit.outerLoadings, expected.outer_loadings, 1e-9);
  });

  it('reproduces the path coefficients to 1e-9', () => {
    for (const [key, v] of Object.entries(expected.path_coefficients)) {
      expect(Math.abs(fit.pathCoefficients[key] - v), key).toBeLessThan(1e-9);
    }
  });

  it('reproduces R² and adjusted R² to 1e-9', () => {
    for (const [c, v] of Object.entries(expected.r_squared)) {
      expect(Math.abs(fit.rSquared[c] - v)).toBeLessThan(1e-9);
      expect(Math.abs(fit.rSquaredAdjusted[c] - expected.r_squared_adjusted[c])).toBeLessThan(1e-9);
    }
  });

  it('reproduces total and indirect effects to 1e-9', () => {
    expectNestedClose(fit.totalEffects, expected.total_effects, 1e-9);
    expectNestedClose(fit.indirectEffects, expected.total_indirect_effects, 1e-9);
  });

  it('reproduces the construct correlations to 1e-9', () => {
    expectNestedClose(fit.constructCorrelations, expected.construct_correlations, 1e-9);
  });

  it("reproduces Cronbach's alpha, rhoC, rhoA and AVE to 1e-9", () => {
    for (const [c, r] of Object.entries(expected.reliability_seminr)) {
      expect(Math.abs(fit.reliability[c].alpha - r.alpha), `${c} alpha`).toBeLessThan(1e-9);
      expect(Math.abs(fit.reliability[c].rhoC - r.rhoC), `${c} rhoC`).toBeLessThan(1e-9);
      expect(Math.abs(fit.reliability[c].rhoA - r.rhoA), `${c} rhoA`).toBeLessThan(1e-9);
      expect(Math.abs(fit.reliability[c].ave - r.AVE), `${c} AVE`).toBeLessThan(1e-9);
    }
  });

  it('reproduces the seminr construct scores (unit variance, divisor n − 1) to 1e-8', () => {
    const scores = readCsvColumns('expected/pls_ecsi_mobi_construct_scores.csv');
    for (const [c, values] of Object.entries(scores)) {
      values.forEach((v, i) => {
        expect(Math.abs(fit.scores[c][i] - (v as number))).toBeLessThan(1e-8);
      });
    }
  });

  it('converges and reports the iteration count and no warnings', () => {
    expect(fit.diagnostics.converged).toBe(true);
    expect(fit.diagnostics.iterations).toBeGreaterThan(3);
    expect(fit.diagnostics.iterations).toBeLessThan(30);
    expect(fit.diagnostics.warnings).toEqual([]);
    expect(fit.diagnostics.scoreVarianceDivisor).toBe('n-1');
  });

  it('gives cross-loadings whose own-construct entries equal the loadings', () => {
    for (const [c, items] of Object.entries(fit.outerLoadings)) {
      for (const [item, l] of Object.entries(items)) expect(fit.crossLoadings[item][c]).toBe(l);
    }
  });

  it('reports HTMT below 1 for distinct multi-item constructs and null for the single-item one', () => {
    expect(fit.htmt.Image.Quality).toBeGreaterThan(0.5);
    expect(fit.htmt.Image.Quality).toBeLessThan(1);
    expect(fit.htmt.Image.Complaints).toBeNull();
    expect(fit.htmt.Quality.Image).toBe(fit.htmt.Image.Quality);
  });

  it('reports inner VIFs of at least 1, equal to 1 for single predictors', () => {
    expect(fit.innerVif.Expectation.Image).toBe(1);
    for (const v of Object.values(fit.innerVif.Satisfaction)) expect(v).toBeGreaterThan(1);
  });

  it('accepts row records as well as columns with the same result', () => {
    const fromRows = estimatePls({ data: readCsvRows('data/mobi.csv'), model: ECSI_MODEL });
    expect(fromRows.pathCoefficients).toEqual(fit.pathCoefficients);
  });

  it('gives the same standardized results on the 0–100 rescaled copy (up to its 2-decimal rounding)', () => {
    const raw = readCsvColumns('data/mobile_plspm_0to100.csv');
    const rename: Record<string, string> = { val1: 'PERV1', val2: 'PERV2', comp: 'CUSCO' };
    for (let i = 1; i <= 7; i++) {
      rename[`qua${i}`] = `PERQ${i}`;
      if (i <= 5) rename[`ima${i}`] = `IMAG${i}`;
      if (i <= 3) {
        rename[`exp${i}`] = `CUEX${i}`;
        rename[`sat${i}`] = `CUSA${i}`;
        rename[`loy${i}`] = `CUSL${i}`;
      }
    }
    const data = Object.fromEntries(Object.entries(raw).map(([k, v]) => [rename[k], v]));
    // The copy is (x − 1)/9·100 rounded to 2 decimals; undoing it recovers mobi exactly …
    const unrounded = Object.fromEntries(
      Object.entries(data).map(([k, v]) => [
        k,
        v.map((x) => Math.round(1 + ((x as number) * 9) / 100)),
      ]),
    );
    expect(estimatePls({ data: unrounded, model: ECSI_MODEL }).pathCoefficients).toEqual(
      fit.pathCoefficients,
    );
    // … and the rounded copy itself agrees to the rounding level.
    const rescaled = estimatePls({ data, model: ECSI_MODEL });
    for (const [key, v] of Object.entries(fit.pathCoefficients)) {
      expect(Math.abs(rescaled.pathCoefficients[key] - v)).toBeLessThan(1e-4);
    }
  });
});
