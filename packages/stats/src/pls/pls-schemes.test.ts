import { describe, expect, it } from 'vitest';
import { estimatePls } from './estimate.ts';
import { ECSI_MODEL, readCsvColumns, readExpected } from './testing/refdata.ts';
import type { InnerScheme } from './types.ts';

type Flat = Record<string, number>;
type Nested = Record<string, Record<string, number>>;
interface SchemeRef {
  path_coefficients: Flat;
  outer_weights: Flat;
  outer_loadings: Flat;
  total_effects: Nested;
  cross_loadings: Nested;
}
interface SmartPls {
  pathWeighting: SchemeRef;
  factorial: SchemeRef;
  centroid: SchemeRef;
}
interface RReference {
  other_inner_schemes: {
    factorial_seminr: { path_coefficients: Flat; outer_weights: Flat; r_squared: Flat };
    factorial_plspm: { path_coefficients: Flat; outer_weights: Flat };
    centroid_plspm: { path_coefficients: Flat; outer_weights: Flat; r_squared: Flat };
  };
}

const smart = readExpected<SmartPls>('smartpls_published_ecsi_mobi.json');
const r = readExpected<RReference>('pls_ecsi_mobi.json').other_inner_schemes;
const mobi = readCsvColumns('data/mobi.csv');
const fits = Object.fromEntries(
  (['path', 'centroid', 'factorial'] as InnerScheme[]).map((s) => [
    s,
    estimatePls({ data: mobi, model: ECSI_MODEL, scheme: s }),
  ]),
);

function flatWeights(nested: Nested): Flat {
  return Object.assign({}, ...Object.values(nested));
}

function expectFlatClose(actual: Flat, reference: Flat, tol: number): void {
  for (const [k, v] of Object.entries(reference))
    expect(Math.abs(actual[k] - v), k).toBeLessThan(tol);
}

describe('PLS inner weighting schemes against SmartPLS 2 (published output, 8 decimals)', () => {
  const cases: [InnerScheme, keyof SmartPls][] = [
    ['path', 'pathWeighting'],
    ['centroid', 'centroid'],
    ['factorial', 'factorial'],
  ];
  for (const [scheme, key] of cases) {
    it(`matches SmartPLS ${key} paths, weights and loadings to 1e-6`, () => {
      const fit = fits[scheme];
      expectFlatClose(fit.pathCoefficients, smart[key].path_coefficients, 1e-6);
      expectFlatClose(flatWeights(fit.outerWeights), smart[key].outer_weights, 1e-6);
      expectFlatClose(flatWeights(fit.outerLoadings), smart[key].outer_loadings, 1e-6);
    });

    it(`matches SmartPLS ${key} total effects and cross-loadings to 1e-6`, () => {
      const fit = fits[scheme];
      for (const [from, row] of Object.entries(smart[key].total_effects)) {
        for (const [to, v] of Object.entries(row)) {
          expect(Math.abs(fit.totalEffects[from][to] - v), `${from}->${to}`).toBeLessThan(1e-6);
        }
      }
      for (const [item, row] of Object.entries(smart[key].cross_loadings)) {
        for (const [c, v] of Object.entries(row)) {
          expect(Math.abs(fit.crossLoadings[item][c] - v), `${item}/${c}`).toBeLessThan(1e-6);
        }
      }
    });
  }
});

describe('PLS inner weighting schemes against R (seminr, plspm)', () => {
  it('matches the seminr and plspm factorial scheme to 1e-8', () => {
    expectFlatClose(fits.factorial.pathCoefficients, r.factorial_seminr.path_coefficients, 1e-8);
    expectFlatClose(
      flatWeights(fits.factorial.outerWeights),
      r.factorial_seminr.outer_weights,
      1e-8,
    );
    expectFlatClose(fits.factorial.rSquared, r.factorial_seminr.r_squared, 1e-8);
    expectFlatClose(fits.factorial.pathCoefficients, r.factorial_plspm.path_coefficients, 1e-8);
  });

  it('matches the plspm centroid scheme to 1e-8', () => {
    expectFlatClose(fits.centroid.pathCoefficients, r.centroid_plspm.path_coefficients, 1e-8);
    expectFlatClose(flatWeights(fits.centroid.outerWeights), r.centroid_plspm.outer_weights, 1e-8);
    expectFlatClose(fits.centroid.rSquared, r.centroid_plspm.r_squared, 1e-8);
  });
});
