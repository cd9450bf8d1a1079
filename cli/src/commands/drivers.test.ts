import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { refdata } from '../stats-io/testing.ts';
import { runDriversFile } from './drivers.ts';

const relimp = JSON.parse(readFileSync(refdata('linkage/expected/relimp_mobi.json'), 'utf8'));

describe('valueloop drivers', () => {
  it('reproduces relaimpo and rwa for CUSA1 ~ PERQ1..PERQ7 on mobi', () => {
    const ref = relimp.cases.C_items_quality;
    const out = runDriversFile({
      data: refdata('linkage/data/mobi.csv'),
      outcome: ref.outcome,
      predictors: ref.predictors,
      method: 'all',
    });
    expect(out.n).toBe(ref.n);
    expect(out.rSquared).toBeCloseTo(ref.r_squared, 10);
    for (const name of ref.predictors as string[]) {
      expect(out.lmg?.raw[name]).toBeCloseTo(ref.lmg[name], 10);
      expect(out.relativeWeights?.raw[name]).toBeCloseTo(ref.johnson_relative_weights.raw[name], 8);
      expect(out.pratt?.[name]).toBeCloseTo(ref.pratt[name], 10);
    }
  });

  it('reports only the chosen method, with bootstrap intervals', () => {
    const out = runDriversFile({
      data: refdata('linkage/data/mobi.csv'),
      outcome: 'CUSA1',
      predictors: ['PERQ1', 'PERQ2', 'PERQ3'],
      method: 'relative-weights',
      bootstrap: 50,
      seed: 3,
    });
    expect(out.lmg).toBeUndefined();
    expect(Object.keys(out.bootstrap?.measures ?? {})).toEqual(['relativeWeights']);
    expect(out.bootstrap?.measures.relativeWeights.PERQ1.se).toBeGreaterThan(0);
  });
});
