import { describe, expect, it } from 'vitest';
import { createRng, resampleCounts } from './random.ts';

describe('createRng', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    const a = createRng(123, 7);
    const b = createRng(123, 7);
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.next());
  });

  it('gives different sequences for neighbouring streams', () => {
    const a = createRng(123, 0);
    const b = createRng(123, 1);
    expect([a.next(), a.next()]).not.toEqual([b.next(), b.next()]);
  });

  it('draws uniforms with mean 1/2 and normals with unit variance', () => {
    const rng = createRng(1);
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    let inRange = true;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) inRange = false;
      su += u;
      const z = rng.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(inRange).toBe(true);
    expect(Math.abs(su / n - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(sn / n)).toBeLessThan(0.02);
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(0.03);
  });

  it('makes bootstrap counts that add up to n', () => {
    const counts = resampleCounts(createRng(5), 250);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(250);
  });
});
