import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatsError } from '../errors.ts';
import { readCsvColumns, readExpected } from '../pls/testing/refdata.ts';
import { keyDrivers } from './key-drivers.ts';

type Per = Record<string, number>;
interface Case {
  outcome: string;
  predictors: string[];
  n: number;
  r_squared: number;
  adj_r_squared: number;
  coefficients_standardized: Per;
  lmg: Per;
  lmg_normalized: Per;
  first: Per;
  last: Per;
  betasq: Per;
  pratt: Per;
  car: Per;
  johnson_relative_weights: { raw: Per; rescaled: Per };
  lmg_bootstrap?: { boot_sd: Per; ci_lower: Per; ci_upper: Per };
}

const cases = readExpected<{ cases: Record<string, Case> }>('relimp_mobi.json').cases;
const mobi = readCsvColumns('data/mobi.csv');
const scores = readCsvColumns('expected/pls_ecsi_mobi_construct_scores.csv');
const blockMean = (items: string[]) =>
  mobi[items[0]].map(
    (_, i) => items.reduce((s, c) => s + (mobi[c][i] as number), 0) / items.length,
  );
const unitWeighted = {
  Satisfaction: blockMean(['CUSA1', 'CUSA2', 'CUSA3']),
  Image: blockMean(['IMAG1', 'IMAG2', 'IMAG3', 'IMAG4', 'IMAG5']),
  Expectation: blockMean(['CUEX1', 'CUEX2', 'CUEX3']),
  Quality: blockMean(['PERQ1', 'PERQ2', 'PERQ3', 'PERQ4', 'PERQ5', 'PERQ6', 'PERQ7']),
  Value: blockMean(['PERV1', 'PERV2']),
};
const datasets = {
  A_pls_scores: scores,
  B_unit_weighted: unitWeighted,
  C_items_quality: mobi,
  D_items_12: mobi,
};

function expectPerClose(actual: Per, reference: Per, tol: number, label: string): void {
  for (const [k, v] of Object.entries(reference))
    expect(Math.abs(actual[k] - v), `${label} ${k}`).toBeLessThan(tol);
}

describe('key drivers against relaimpo and rwa (relimp_mobi.json)', () => {
  for (const [id, ref] of Object.entries(cases)) {
    it(`reproduces LMG, first, last, betasq, pratt, CAR and relative weights for ${id}`, () => {
      const r = keyDrivers({
        data: datasets[id as keyof typeof datasets],
        outcome: ref.outcome,
        predictors: ref.predictors,
      });
      expect(r.n).toBe(ref.n);
      expect(Math.abs(r.rSquared - ref.r_squared)).toBeLessThan(1e-12);
      expect(Math.abs(r.adjRSquared - ref.adj_r_squared)).toBeLessThan(1e-12);
      expectPerClose(r.standardizedCoefficients, ref.coefficients_standardized, 1e-10, 'beta');
      expectPerClose(r.lmg, ref.lmg, 1e-12, 'lmg');
      expectPerClose(r.lmgShare, ref.lmg_normalized, 1e-12, 'lmg share');
      expectPerClose(r.first, ref.first, 1e-12, 'first');
      expectPerClose(r.last, ref.last, 1e-12, 'last');
      expectPerClose(r.betasq, ref.betasq, 1e-10, 'betasq');
      expectPerClose(r.pratt, ref.pratt, 1e-10, 'pratt');
      expectPerClose(r.car, ref.car, 1e-10, 'car');
      expectPerClose(r.relativeWeights.raw, ref.johnson_relative_weights.raw, 1e-12, 'rw raw');
      expectPerClose(
        r.relativeWeights.rescaled,
        ref.johnson_relative_weights.rescaled,
        1e-12,
        'rw rescaled',
      );
    });
  }

  it('gives LMG bootstrap SEs within 15% of relaimpo (1,000 resamples)', () => {
    const ref = cases.A_pls_scores;
    const r = keyDrivers({
      data: scores,
      outcome: ref.outcome,
      predictors: ref.predictors,
      bootstrap: { resamples: 1000, seed: 123 },
    });
    const boot = r.bootstrap!;
    expect(boot.failed).toBe(0);
    for (const p of ref.predictors) {
      expect(Math.abs(boot.lmg[p].se / ref.lmg_bootstrap!.boot_sd[p] - 1), p).toBeLessThan(0.15);
      expect(Math.abs(boot.lmg[p].ciLower - ref.lmg_bootstrap!.ci_lower[p])).toBeLessThan(0.02);
      expect(Math.abs(boot.lmg[p].ciUpper - ref.lmg_bootstrap!.ci_upper[p])).toBeLessThan(0.02);
    }
  });

  it('gives the same bootstrap for the same seed', () => {
    const ref = cases.B_unit_weighted;
    const run = () =>
      keyDrivers({
        data: unitWeighted,
        outcome: ref.outcome,
        predictors: ref.predictors,
        bootstrap: { resamples: 50, seed: 5 },
      }).bootstrap;
    expect(run()).toEqual(run());
  });

  it('computes exact LMG for 12 predictors in under 50 ms', () => {
    const ref = cases.D_items_12;
    keyDrivers({ data: mobi, outcome: ref.outcome, predictors: ref.predictors });
    const t0 = performance.now();
    keyDrivers({ data: mobi, outcome: ref.outcome, predictors: ref.predictors });
    expect(performance.now() - t0).toBeLessThan(50);
  });
});

describe('key driver properties and errors', () => {
  const randomData = fc
    .tuple(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }))
    .map(([p, seed]) => {
      let s = seed || 1;
      const rnd = () => {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        return s / 2 ** 32 - 0.5;
      };
      const n = 40;
      const cols: Record<string, number[]> = {};
      const common = Array.from({ length: n }, rnd);
      for (let j = 0; j < p; j++) cols[`x${j}`] = common.map((c) => c * j * 0.3 + rnd());
      cols.y = common.map(
        (c, i) => c + Object.values(cols).reduce((sum, col) => sum + col[i] * 0.2, 0) + rnd(),
      );
      return { cols, predictors: Array.from({ length: p }, (_, j) => `x${j}`) };
    });

  it('relative weights sum to R² (fast-check)', () => {
    fc.assert(
      fc.property(randomData, ({ cols, predictors }) => {
        const r = keyDrivers({ data: cols, outcome: 'y', predictors });
        const sum = Object.values(r.relativeWeights.raw).reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - r.rSquared)).toBeLessThan(1e-10);
      }),
      { numRuns: 50 },
    );
  });

  it('Shapley (LMG) shares sum to R² (fast-check)', () => {
    fc.assert(
      fc.property(randomData, ({ cols, predictors }) => {
        const r = keyDrivers({ data: cols, outcome: 'y', predictors });
        const sum = Object.values(r.lmg).reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - r.rSquared)).toBeLessThan(1e-10);
        const pratt = Object.values(r.pratt).reduce((a, b) => a + b, 0);
        expect(Math.abs(pratt - r.rSquared)).toBeLessThan(1e-10);
      }),
      { numRuns: 50 },
    );
  });

  it('rejects a predictor that is a linear combination of others', () => {
    const data = {
      a: [1, 2, 3, 4, 5, 6],
      b: [2, 1, 4, 3, 6, 5],
      c: [3, 3, 7, 7, 11, 11],
      y: [1, 3, 2, 5, 4, 6],
    };
    expect(() => keyDrivers({ data, outcome: 'y', predictors: ['a', 'b', 'c'] })).toThrow(
      StatsError,
    );
  });

  it('rejects more than 15 predictors', () => {
    const predictors = Array.from({ length: 16 }, (_, j) => `x${j}`);
    expect(() => keyDrivers({ data: {}, outcome: 'y', predictors })).toThrow(/At most 15/);
  });
});
