import { describe, expect, it } from 'vitest';
import { StatsError } from '../errors.ts';
import { correlationMatrix } from './correlation.ts';
import { selectColumns } from './data.ts';
import { descriptiveStats } from './descriptives.ts';

describe('correlationMatrix', () => {
  it('computes Pearson correlations with a unit diagonal', () => {
    const r = correlationMatrix({
      data: { a: [1, 2, 3, 4], b: [2, 4, 6, 8], c: [4, 3, 2, 1] },
      variables: ['a', 'b', 'c'],
    });
    expect(r.matrix[0][1]).toBeCloseTo(1, 14);
    expect(r.matrix[0][2]).toBeCloseTo(-1, 14);
    expect(r.matrix[1][1]).toBe(1);
    expect(r.covariance[0][0]).toBeCloseTo(5 / 3, 14);
  });

  it('drops incomplete rows listwise and reports the count', () => {
    const rows = [
      { a: 1, b: 2 },
      { a: null, b: 3 },
      { a: 2, b: 1 },
      { a: 3, b: Number.NaN },
      { a: 4, b: 5 },
    ];
    const r = correlationMatrix({ data: rows, variables: ['a', 'b'] });
    expect(r.n).toBe(3);
    expect(r.diagnostics.nDropped).toBe(2);
  });

  it('throws ZERO_VARIANCE naming a constant variable', () => {
    expect(() =>
      correlationMatrix({ data: { a: [1, 2, 3], k: [5, 5, 5] }, variables: ['a', 'k'] }),
    ).toThrow(/"k"/);
  });

  it('throws MISSING_COLUMN naming an absent variable', () => {
    expect(() => selectColumns({ a: [1] }, ['a', 'zz'])).toThrow(
      expect.objectContaining({ code: 'MISSING_COLUMN', message: expect.stringContaining('zz') }),
    );
  });
});

describe('descriptiveStats', () => {
  it('describes a sample with R type-7 quantiles and skips missing values', () => {
    const d = descriptiveStats([1, 2, 3, 4, null, 10]);
    expect(d.n).toBe(5);
    expect(d.missing).toBe(1);
    expect(d.mean).toBe(4);
    expect(d.median).toBe(3);
    expect(d.q1).toBe(2);
    expect(d.q3).toBe(4);
    expect(d.variance).toBeCloseTo(12.5, 12);
    expect(d.skewness).toBeGreaterThan(0);
  });

  it('returns null spread for a single value instead of NaN', () => {
    const d = descriptiveStats([7]);
    expect(d.sd).toBeNull();
    expect(d.diagnostics.warnings.length).toBe(1);
  });

  it('throws for an empty sample and for infinite values', () => {
    expect(() => descriptiveStats([null])).toThrow(StatsError);
    expect(() => descriptiveStats([1, Number.POSITIVE_INFINITY])).toThrow(StatsError);
  });
});
