import { describe, expect, it } from 'vitest';
import { bootstrapPls, bootstrapPlsSync, summarizePlsBootstrap } from './bootstrap.ts';
import { bootstrapPlsParallel } from './bootstrap-parallel.ts';
import { preparePls } from './prepare.ts';
import { ECSI_MODEL, readCsvColumns, readExpected } from './testing/refdata.ts';

interface BootRef {
  original: number;
  boot_sd: number;
}
interface Expected {
  bootstrap: {
    seminr: {
      paths: Record<string, BootRef>;
      weights: Record<string, BootRef>;
      loadings: Record<string, BootRef>;
    };
  };
}

const expected = readExpected<Expected>('pls_ecsi_mobi.json').bootstrap.seminr;
const mobi = readCsvColumns('data/mobi.csv');
const boot = bootstrapPlsSync({ data: mobi, model: ECSI_MODEL, resamples: 1000, seed: 123 });

function expectSeClose(
  actual: Record<string, { se: number }>,
  reference: Record<string, BootRef>,
): void {
  for (const [key, ref] of Object.entries(reference)) {
    if (ref.boot_sd < 1e-8) continue; // single-item block: weight and loading are exactly 1
    const rel = Math.abs(actual[key].se / ref.boot_sd - 1);
    expect(rel, key).toBeLessThan(0.15);
  }
}

describe('PLS bootstrap (1,000 resamples) against seminr', () => {
  it('gives path SEs within 15% of seminr', () => {
    expectSeClose(boot.paths, expected.paths);
  });

  it('gives outer weight SEs within 15% of seminr', () => {
    expectSeClose(boot.weights, expected.weights);
  });

  it('gives outer loading SEs within 15% of seminr', () => {
    expectSeClose(boot.loadings, expected.loadings);
  });

  it('reports t = original / SE and a percentile interval around the estimate', () => {
    const s = boot.paths['Image -> Expectation'];
    expect(s.original).toBeCloseTo(expected.paths['Image -> Expectation'].original, 9);
    expect(s.t).toBeCloseTo(s.original / s.se, 12);
    expect(s.ciLower).toBeLessThan(s.original);
    expect(s.ciUpper).toBeGreaterThan(s.original);
    expect(boot.failed).toBe(0);
  });

  it('bootstraps total and indirect effects and R²', () => {
    expect(Object.keys(boot.totalEffects)).toContain('Image -> Loyalty');
    expect(Object.keys(boot.indirectEffects)).toContain('Image -> Quality');
    expect(Object.keys(boot.indirectEffects)).not.toContain('Complaints -> Loyalty');
    expect(boot.rSquared.Satisfaction.se).toBeGreaterThan(0);
  });
});

describe('PLS bootstrap determinism', () => {
  it('gives identical draws however the resample range is split', () => {
    const prepared = preparePls({ data: mobi, model: ECSI_MODEL });
    const whole = bootstrapPls({ prepared, seed: 9, start: 0, end: 40 });
    const parts = [
      bootstrapPls({ prepared, seed: 9, start: 25, end: 40 }),
      bootstrapPls({ prepared, seed: 9, start: 0, end: 25 }),
    ];
    const a = summarizePlsBootstrap(prepared, [whole], 9);
    const b = summarizePlsBootstrap(prepared, parts, 9);
    expect(b.paths).toEqual(a.paths);
    expect(b.weights).toEqual(a.weights);
  });

  it('gives identical results on 1 and 2 threads (worker_threads)', async () => {
    const options = { data: mobi, model: ECSI_MODEL, resamples: 200, seed: 42, batchSize: 10 };
    const one = await bootstrapPlsParallel({ ...options, threads: 1 });
    const two = await bootstrapPlsParallel({ ...options, threads: 2, mainThreadWorks: false });
    expect(two.diagnostics.warnings).toEqual([]);
    expect(two.diagnostics.resamplesByThread).toEqual([0, 200]);
    expect(two.paths).toEqual(one.paths);
    expect(two.loadings).toEqual(one.loadings);
    expect(two.totalEffects).toEqual(one.totalEffects);
    expect(one.paths).toEqual(bootstrapPlsSync(options).paths);
  });
});
