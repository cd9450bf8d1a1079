import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatsError } from '../errors.ts';
import { ols } from '../linalg/ols.ts';
import { estimatePls } from './estimate.ts';
import { ECSI_MODEL, readCsvColumns } from './testing/refdata.ts';

const mobi = readCsvColumns('data/mobi.csv');

function catchError(fn: () => unknown): StatsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatsError) return error;
    throw error;
  }
  throw new Error('expected a StatsError');
}

describe('PLS input validation', () => {
  it('rejects a path naming an unknown construct, naming it', () => {
    const err = catchError(() =>
      estimatePls({
        data: mobi,
        model: { ...ECSI_MODEL, paths: [...ECSI_MODEL.paths, ['Image', 'Trust']] },
      }),
    );
    expect(err.code).toBe('UNKNOWN_CONSTRUCT');
    expect(err.message).toContain('Trust');
  });

  it('rejects a missing item column, naming it', () => {
    const model = {
      ...ECSI_MODEL,
      constructs: {
        ...ECSI_MODEL.constructs,
        Value: { items: ['PERV1', 'PERV9'], mode: 'A' as const },
      },
    };
    const err = catchError(() => estimatePls({ data: mobi, model }));
    expect(err.code).toBe('MISSING_COLUMN');
    expect(err.message).toContain('PERV9');
  });

  it('rejects a cyclic structural model', () => {
    const model = {
      constructs: ECSI_MODEL.constructs,
      paths: [...ECSI_MODEL.paths, ['Loyalty', 'Image'] as const],
    };
    expect(catchError(() => estimatePls({ data: mobi, model })).code).toBe('INVALID_MODEL');
  });

  it('rejects an item with zero variance, naming it', () => {
    const data = { ...mobi, CUSCO: mobi.CUSCO.map(() => 5) };
    const err = catchError(() => estimatePls({ data, model: ECSI_MODEL }));
    expect(err.code).toBe('ZERO_VARIANCE');
    expect(err.message).toContain('CUSCO');
  });

  it('rejects infinite values', () => {
    const data = {
      ...mobi,
      IMAG1: mobi.IMAG1.map((v, i) => (i === 3 ? Number.POSITIVE_INFINITY : v)),
    };
    expect(catchError(() => estimatePls({ data, model: ECSI_MODEL })).code).toBe('NON_FINITE');
  });

  it('drops rows with null or NaN listwise and reports how many', () => {
    const data = {
      ...mobi,
      IMAG1: mobi.IMAG1.map((v, i) => (i === 0 ? null : v)),
      CUSL2: mobi.CUSL2.map((v, i) => (i === 5 || i === 0 ? Number.NaN : v)),
    };
    const fit = estimatePls({ data, model: ECSI_MODEL });
    expect(fit.n).toBe(248);
    expect(fit.diagnostics.nDropped).toBe(2);
    expect(fit.diagnostics.warnings[0]).toContain('2 of 250 rows dropped');
    const complete = Object.fromEntries(
      Object.entries(mobi).map(([k, v]) => [k, v.filter((_, i) => i !== 0 && i !== 5)]),
    );
    expect(fit.pathCoefficients).toEqual(
      estimatePls({ data: complete, model: ECSI_MODEL }).pathCoefficients,
    );
  });
});

describe('PLS Mode B', () => {
  it('gives regression weights: a Mode B block predicting one item has path = multiple R', () => {
    const items = ['PERQ1', 'PERQ2', 'PERQ3', 'PERQ4'];
    const model = {
      constructs: {
        Quality: { items, mode: 'B' as const },
        Satisfaction: { items: ['CUSA3'], mode: 'A' as const },
      },
      paths: [['Quality', 'Satisfaction'] as const],
    };
    const fit = estimatePls({ data: mobi, model });
    const x = Object.fromEntries(items.map((it) => [it, mobi[it] as number[]]));
    const reg = ols({ y: mobi.CUSA3 as number[], x });
    expect(fit.pathCoefficients['Quality -> Satisfaction']).toBeCloseTo(Math.sqrt(reg.rSquared), 9);
    // weights ∝ OLS slopes × item sd
    const ratio = items.map((it, j) => {
      const col = mobi[it] as number[];
      const m = col.reduce((s, v) => s + v, 0) / col.length;
      const sd = Math.sqrt(col.reduce((s, v) => s + (v - m) ** 2, 0) / (col.length - 1));
      return fit.outerWeights.Quality[it] / (reg.coefficients[j + 1] * sd);
    });
    for (const r of ratio) expect(r).toBeCloseTo(ratio[0], 8);
  });
});

describe('PLS properties', () => {
  it('leaves standardized results unchanged when indicators are rescaled (fast-check)', () => {
    const base = estimatePls({ data: mobi, model: ECSI_MODEL, scheme: 'factorial' });
    const items = Object.keys(mobi);
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0.01, max: 100, noNaN: true }),
            fc.double({ min: -1e3, max: 1e3, noNaN: true }),
          ),
          {
            minLength: items.length,
            maxLength: items.length,
          },
        ),
        (transforms) => {
          const data = Object.fromEntries(
            items.map((it, j) => [
              it,
              mobi[it].map((v) => transforms[j][0] * (v as number) + transforms[j][1]),
            ]),
          );
          const fit = estimatePls({ data, model: ECSI_MODEL, scheme: 'factorial' });
          for (const [k, v] of Object.entries(base.pathCoefficients)) {
            expect(Math.abs(fit.pathCoefficients[k] - v)).toBeLessThan(1e-8);
          }
          expect(
            Math.abs(fit.outerWeights.Image.IMAG1 - base.outerWeights.Image.IMAG1),
          ).toBeLessThan(1e-8);
        },
      ),
      { numRuns: 25 },
    );
  });
});
