import { describe, expect, it } from 'vitest';
import {
  BG_BB_PARAMETER_NAMES,
  type BgBbCustomer,
  computeBgBbLogLikelihood,
  computeBgBbProbabilityAlive,
  computeBgBbPurchaseProbability,
  fitBgBb,
  predictBgBbConditionalPurchases,
  predictBgBbPurchases,
} from './bgbb.ts';
import { asParams, btyd, fixedParams, lifetimes, reference } from './testing/expected.ts';
import { maxRelativeError, readRefColumns, relativeError } from './testing/refdata.ts';
import type { BgBbParams } from './types.ts';

const fixed = readRefColumns('expected/fixed_params_donations_per_pattern.csv');
const patterns: BgBbCustomer[] = Array.from(fixed.frequency, (frequency, i) => ({
  frequency,
  recency: fixed.recency[i],
  periods: fixed.periods[i],
  weight: fixed.weights[i],
}));
const published = asParams<BgBbParams>(fixedParams.params.bgbb, BG_BB_PARAMETER_NAMES);
const donors = fixed.weights.reduce((a, b) => a + b, 0);

describe('BG/BB', () => {
  it('reproduces the per-pattern log-likelihood, P(alive) and expectations at published parameters', () => {
    const ll = computeBgBbLogLikelihood({ params: published, customers: patterns });
    expect(maxRelativeError(ll.perCustomer, fixed.ll_i)).toBeLessThan(1e-9);
    expect(Math.abs(ll.total - fixedParams.sum_ll.bgbb)).toBeLessThan(1e-6);
    expect(
      maxRelativeError(
        computeBgBbProbabilityAlive({ params: published, customers: patterns }),
        fixed.p_alive_next_period,
      ),
    ).toBeLessThan(1e-9);
    const next5 = predictBgBbConditionalPurchases({
      params: published,
      customers: patterns,
      periodsAhead: 5,
    });
    expect(maxRelativeError(next5, fixed.cond_exp_next5)).toBeLessThan(1e-9);
    const next10 = predictBgBbConditionalPurchases({
      params: published,
      customers: patterns,
      periodsAhead: 10,
    });
    expect(maxRelativeError(next10, fixed.cond_exp_next10)).toBeLessThan(1e-9);
    const weighted = next5.reduce((acc, v, i) => acc + v * fixed.weights[i], 0);
    expect(relativeError(weighted, fixedParams.bgbb_sum_weighted_cond_exp_next5)).toBeLessThan(
      1e-9,
    );
  });

  it('reproduces the expected number of donors by transactions in the first 6 years', () => {
    for (const [x, value] of Object.entries(
      fixedParams.bgbb_expected_customers_by_num_transactions_first6,
    )) {
      const p = computeBgBbPurchaseProbability({ params: published, periods: 6, n: Number(x) });
      expect(relativeError(p * donors, value)).toBeLessThan(1e-9);
    }
  });

  it('fits the donations data to the lifetimes, reference and BTYD maximum', () => {
    const fit = fitBgBb({ customers: patterns });
    expect(fit.convergence.converged).toBe(true);
    expect(fit.customers).toBe(11104);
    for (const expected of [lifetimes.models.bgbb_donations, reference.models.bgbb_donations]) {
      for (const name of BG_BB_PARAMETER_NAMES) {
        expect(relativeError(fit.params[name], expected.params[name])).toBeLessThan(1e-4);
      }
      expect(Math.abs(fit.logLikelihood - expected.log_likelihood)).toBeLessThan(1e-3);
    }
    const se = lifetimes.models.bgbb_donations.standard_errors ?? {};
    for (const name of BG_BB_PARAMETER_NAMES) {
      expect(relativeError(fit.standardErrors?.[name] ?? 0, se[name])).toBeLessThan(1e-3);
    }
    // BTYD stops ~1.3e-4 (relative) short of the maximum that lifetimes and the reference share.
    const b = btyd.bgbb_donations;
    for (const name of BG_BB_PARAMETER_NAMES) {
      expect(relativeError(fit.params[name], b.params[name])).toBeLessThan(5e-4);
    }
    expect(Math.abs(fit.logLikelihood - b.LL)).toBeLessThan(1e-3);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(b.LL);
  });

  it('reproduces the BTYD predictions at the BTYD parameters', () => {
    const b = btyd.bgbb_donations;
    const params = asParams<BgBbParams>(b.params, BG_BB_PARAMETER_NAMES);
    expect(
      relativeError(predictBgBbPurchases({ params, periods: 10 }), b.E_X_10 ?? 0),
    ).toBeLessThan(1e-9);
    const [a, c] = predictBgBbConditionalPurchases({
      params,
      customers: [
        { frequency: 0, recency: 0, periods: 6 },
        { frequency: 4, recency: 5, periods: 6 },
      ],
      periodsAhead: 10,
    });
    expect(relativeError(a, b.cond_exp_10_custA ?? 0)).toBeLessThan(1e-9);
    expect(relativeError(c, b.cond_exp_10_custB ?? 0)).toBeLessThan(1e-9);
    for (const [key, value] of Object.entries(b.p_alive ?? {})) {
      const [, x, tx] = /x(\d+)_tx(\d+)/.exec(key) ?? [];
      const [p] = computeBgBbProbabilityAlive({
        params,
        customers: [{ frequency: Number(x), recency: Number(tx), periods: 6 }],
      });
      expect(relativeError(p, value)).toBeLessThan(1e-9);
    }
  });

  it('has a pmf over 0..n that sums to 1 with mean E[X(n)]', () => {
    for (const periods of [1, 6, 25]) {
      let total = 0;
      let mean = 0;
      for (let x = 0; x <= periods; x++) {
        const p = computeBgBbPurchaseProbability({ params: published, periods, n: x });
        total += p;
        mean += x * p;
      }
      expect(total).toBeCloseTo(1, 12);
      expect(
        relativeError(mean, predictBgBbPurchases({ params: published, periods })),
      ).toBeLessThan(1e-10);
    }
  });

  it('rejects patterns with recency beyond the number of opportunities', () => {
    expect(() =>
      computeBgBbProbabilityAlive({
        params: published,
        customers: [{ frequency: 2, recency: 7, periods: 6 }],
      }),
    ).toThrow(expect.objectContaining({ code: 'RECENCY_EXCEEDS_AGE' }));
    expect(() =>
      computeBgBbProbabilityAlive({
        params: published,
        customers: [{ frequency: 3, recency: 2, periods: 6 }],
      }),
    ).toThrow(expect.objectContaining({ code: 'INCONSISTENT_RECENCY' }));
  });
});
