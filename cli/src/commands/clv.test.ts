import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { refdata, tempFiles } from '../stats-io/testing.ts';
import { fitClvFile } from './clv-fit.ts';
import { predictClvFile } from './clv-predict.ts';

const cbs = refdata('clv/data/BTYD_cdnowSummary_cbs.csv');
const elogFit = {
  input: refdata('clv/data/BTYD_cdnowElog.csv'),
  format: 'transactions',
  'customer-col': 'sampleid',
  'date-col': 'date',
  'amount-col': 'sales',
  period: 'day',
  'time-unit': 'week',
  'calibration-end': '1997-09-30',
  'observation-end': '1998-06-30',
} as const;

describe('valueloop clv fit', () => {
  it('reproduces the published BG/NBD fit on the BTYD CDNOW summary', () => {
    const fit = fitClvFile({ input: cbs, model: 'bgnbd' });
    expect(fit.params.r).toBeCloseTo(0.243, 3);
    expect(fit.params.alpha).toBeCloseTo(4.414, 3);
    expect(fit.params.a).toBeCloseTo(0.793, 3);
    expect(fit.params.b).toBeCloseTo(2.426, 3);
    expect(fit.logLikelihood).toBeCloseTo(-9582.43, 2);
    expect(fit).toMatchObject({ model: 'bgnbd', n: 2357, converged: true });
    expect(Object.keys(fit.standardErrors ?? {})).toEqual(['r', 'alpha', 'a', 'b']);
  });

  it('reads the lifetimes column names (frequency, recency, T)', () => {
    const fit = fitClvFile({
      input: refdata('clv/data/lifetimes_cdnow_customers_summary.csv'),
      model: 'bgnbd',
    });
    expect(fit.params.r).toBeCloseTo(0.243, 3);
    expect(fit.params.b).toBeCloseTo(2.426, 2);
  });

  it('fits Gamma-Gamma on the 946 repeat buyers (BTYD zbar names)', () => {
    const fit = fitClvFile({
      input: refdata('clv/data/lifetimes_cdnow_customers_summary_with_transactions.csv'),
      model: 'gammagamma',
    });
    expect(fit.n).toBe(946);
    expect(fit.params.p).toBeCloseTo(6.25, 2);
    expect(fit.params.q).toBeCloseTo(3.74, 2);
    expect(fit.params.v).toBeCloseTo(15.44, 1);
    expect(fit.logLikelihood).toBeCloseTo(-4055.92, 1);
  });

  it('fits BG/BB on the donations patterns in lifetimes and BTYD layouts alike', () => {
    for (const file of ['lifetimes_donations.csv', 'BTYD_donationsSummary_rf_matrix.csv']) {
      const fit = fitClvFile({ input: refdata(`clv/data/${file}`), model: 'bgbb' });
      expect(fit.n).toBe(11104);
      expect(fit.params.alpha).toBeCloseTo(1.204, 3);
      expect(fit.params.beta).toBeCloseTo(0.75, 3);
      expect(fit.params.gamma).toBeCloseTo(0.657, 3);
      expect(fit.params.delta).toBeCloseTo(2.783, 3);
      expect(fit.logLikelihood).toBeCloseTo(-33225.58, 1);
    }
  });

  it('gives the same fit from the CDNOW transaction log as from the summary', () => {
    const fromLog = fitClvFile({ ...elogFit, model: 'bgnbd' });
    const fromSummary = fitClvFile({ input: cbs, model: 'bgnbd' });
    for (const k of ['r', 'alpha', 'a', 'b']) {
      expect(fromLog.params[k]).toBeCloseTo(fromSummary.params[k], 6);
    }
    expect(fromLog.logLikelihood).toBeCloseTo(fromSummary.logLikelihood, 4);
    expect(fromLog.timeUnit).toBe('week');
  });

  it('reads gzipped summaries', () => {
    const files = tempFiles({ 'cbs.csv.gz': gzipSync(readFileSync(cbs)) });
    const fit = fitClvFile({ input: files['cbs.csv.gz'], model: 'bgnbd' });
    expect(fit.n).toBe(2357);
    expect(fit.params.r).toBeCloseTo(0.243, 3);
  });
});

describe('valueloop clv predict', () => {
  it('predicts purchases, P(alive), spend and CLV per customer from fit files', () => {
    const fit = fitClvFile({ input: cbs, model: 'bgnbd' });
    const spend = fitClvFile({ input: cbs, model: 'gammagamma' });
    const files = tempFiles({
      'fit.json': JSON.stringify(fit),
      'spend.json': JSON.stringify(spend),
    });
    const out = predictClvFile({
      input: cbs,
      model: 'bgnbd',
      params: files['fit.json'],
      spendParams: files['spend.json'],
      horizon: 39,
      'time-unit': 'week',
    });
    expect(out.customers).toHaveLength(2357);
    const first = out.customers[0];
    expect(first.id).toBe('1');
    // BTYD: conditional expectation of customer 1 in 39 weeks at the ML parameters.
    expect(first.expectedPurchases).toBeCloseTo(1.226, 3);
    expect(first.probabilityAlive).toBeGreaterThan(0);
    expect(first.expectedSpend).toBeGreaterThan(0);
    expect(first.clv).toBeGreaterThan(0);
    const total = out.customers.reduce((s, c) => s + (c.expectedPurchases ?? 0), 0);
    expect(total).toBeGreaterThan(1000);
  });

  it('predicts BG/BB expectations for donation patterns', () => {
    const input = refdata('clv/data/lifetimes_donations.csv');
    const fit = fitClvFile({ input, model: 'bgbb' });
    const files = tempFiles({ 'fit.json': JSON.stringify(fit) });
    const out = predictClvFile({ input, model: 'bgbb', params: files['fit.json'], horizon: 5 });
    expect(out.customers).toHaveLength(22);
    expect(out.customers[0].clv).toBeNull();
    expect(out.customers.every((c) => (c.probabilityAlive ?? -1) >= 0)).toBe(true);
  });
});
