import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { refdata, repoRoot } from '../stats-io/testing.ts';
import { runPlsFile } from './pls.ts';

const mobi = refdata('linkage/data/mobi.csv');
const ecsi = `${repoRoot}cli/examples/ecsi-model.json`;
const expected = JSON.parse(readFileSync(refdata('linkage/expected/pls_ecsi_mobi.json'), 'utf8'));

describe('valueloop pls', () => {
  it('reproduces the seminr ECSI estimates on mobi with the example model file', async () => {
    const out = await runPlsFile({ data: mobi, model: ecsi });
    expect(out.paths).toHaveLength(12);
    for (const p of out.paths) {
      expect(p.estimate).toBeCloseTo(expected.path_coefficients[`${p.from} -> ${p.to}`], 6);
      expect(p.se).toBeNull();
    }
    for (const [construct, items] of Object.entries(expected.outer_weights)) {
      for (const [item, w] of Object.entries(items as Record<string, number>)) {
        expect(out.outerWeights[construct][item]).toBeCloseTo(w, 6);
        expect(out.loadings[construct][item]).toBeCloseTo(
          expected.outer_loadings[construct][item],
          6,
        );
      }
    }
    for (const [construct, r2] of Object.entries(expected.r_squared)) {
      expect(out.rSquared[construct]).toBeCloseTo(r2 as number, 6);
      expect(out.rSquaredAdjusted[construct]).toBeCloseTo(
        expected.r_squared_adjusted[construct],
        6,
      );
    }
    expect(out.reliability.Quality.rhoA).toBeCloseTo(expected.reliability_seminr.Quality.rhoA, 6);
    expect(out.effects.total.Image.Loyalty).toBeCloseTo(expected.total_effects.Image.Loyalty, 6);
    for (const key of [
      'outerWeights',
      'loadings',
      'paths',
      'rSquared',
      'rSquaredAdjusted',
      'reliability',
      'htmt',
      'effects',
    ]) {
      expect(out).toHaveProperty(key);
    }
    expect(Object.keys(out.reliability.Image).sort()).toEqual(['alpha', 'ave', 'rhoA', 'rhoC']);
  });

  it('gives identical bootstrap results for the same seed (worker threads for 200 resamples)', async () => {
    const run = () => runPlsFile({ data: mobi, model: ecsi, bootstrap: 200, seed: 1 });
    const [a, b] = [await run(), await run()];
    expect(a.paths).toEqual(b.paths);
    expect(a.bootstrap).toMatchObject({ resamples: 200, seed: 1 });
    for (const p of a.paths) {
      expect(p.se).toBeGreaterThan(0);
      expect(p.ciLow).toBeLessThan(p.ciHigh ?? Number.NEGATIVE_INFINITY);
    }
  });
});
