import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseRfm, collapseTriples } from './data.ts';

describe('pattern collapsing', () => {
  it('sums the weights of identical rows and keeps first-appearance order', () => {
    const patterns = collapseRfm([
      { frequency: 1, recency: 2, T: 5 },
      { frequency: 0, recency: 0, T: 5 },
      { frequency: 1, recency: 2, T: 5, weight: 3 },
      { frequency: 0, recency: 0, T: 5 },
    ]);
    expect(patterns.count).toBe(2);
    expect(Array.from(patterns.weight)).toEqual([4, 2]);
    expect(patterns.totalWeight).toBe(6);
    expect(collapseRfm(patterns)).toBe(patterns);
  });

  it('preserves total weight and per-key sums for any input (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: 1, max: 4 }),
          ),
          {
            maxLength: 200,
          },
        ),
        (rows) => {
          const out = collapseTriples({
            a: rows.map((r) => r[0]),
            b: rows.map((r) => r[1]),
            c: rows.map(() => 0),
            weights: rows.map((r) => r[2]),
          });
          const expected = new Map<string, number>();
          for (const [a, b, w] of rows)
            expected.set(`${a},${b}`, (expected.get(`${a},${b}`) ?? 0) + w);
          if (out.count !== expected.size) return false;
          for (let i = 0; i < out.count; i++) {
            if (expected.get(`${out.a[i]},${out.b[i]}`) !== out.weight[i]) return false;
          }
          return true;
        },
      ),
    );
  });
});
