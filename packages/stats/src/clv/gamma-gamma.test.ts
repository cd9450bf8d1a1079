import { describe, expect, it } from 'vitest';
import {
  computeGammaGammaLogLikelihood,
  fitGammaGamma,
  GAMMA_GAMMA_PARAMETER_NAMES,
  predictGammaGammaSpend,
  type SpendCustomer,
} from './gamma-gamma.ts';
import { asParams, btyd, fixedParams, lifetimes, reference } from './testing/expected.ts';
import { maxRelativeError, readRefColumns, relativeError } from './testing/refdata.ts';
import type { GammaGammaParams } from './types.ts';

const summary = readRefColumns('data/lifetimes_cdnow_customers_summary_with_transactions.csv');
const spenders: SpendCustomer[] = Array.from(summary.x, (frequency, i) => ({
  frequency,
  monetaryValue: summary.zbar[i],
}));
const published = asParams<GammaGammaParams>(fixedParams.params.gg, GAMMA_GAMMA_PARAMETER_NAMES);

describe('Gamma-Gamma', () => {
  it('reproduces conditional expected spend and the log-likelihood at published parameters', () => {
    const fixed = readRefColumns('expected/fixed_params_cdnow_per_customer.csv');
    const spend = predictGammaGammaSpend({ params: published, customers: spenders });
    expect(maxRelativeError(spend, fixed.gg_cond_exp_spend)).toBeLessThan(1e-9);
    const ll = computeGammaGammaLogLikelihood({ params: published, customers: spenders });
    expect(ll.perCustomer).toHaveLength(946);
    expect(Math.abs(ll.total - fixedParams.sum_ll.gg)).toBeLessThan(1e-6);
  });

  it('fits the 946 repeat buyers to the lifetimes and reference maximum', () => {
    const fit = fitGammaGamma({ customers: spenders });
    expect(fit.customers).toBe(946);
    expect(fit.excludedCustomers).toBe(2357 - 946);
    expect(fit.convergence.converged).toBe(true);
    for (const expected of [lifetimes.models.gammagamma_cdnow, reference.models.gammagamma_cdnow]) {
      const params = asParams<GammaGammaParams>(expected.params, GAMMA_GAMMA_PARAMETER_NAMES);
      for (const name of GAMMA_GAMMA_PARAMETER_NAMES) {
        expect(relativeError(fit.params[name], params[name])).toBeLessThan(1e-4);
      }
      expect(Math.abs(fit.logLikelihood - expected.log_likelihood)).toBeLessThan(1e-3);
    }
    const se = lifetimes.models.gammagamma_cdnow.standard_errors ?? {};
    for (const name of GAMMA_GAMMA_PARAMETER_NAMES) {
      expect(relativeError(fit.standardErrors?.[name] ?? 0, se[name])).toBeLessThan(1e-3);
    }
  });

  it('fits the exact BTYD spend data to the BTYD maximum and reproduces its expected spend', () => {
    const cbs = readRefColumns('data/BTYD_cdnowSummary_cbs.csv');
    const customers = Array.from(cbs.x, (frequency, i) => ({
      frequency,
      monetaryValue: cbs['m.x'][i],
    }));
    const fit = fitGammaGamma({ customers });
    const expected = btyd.spend_cdnow_btyd_mx;
    const params = asParams<GammaGammaParams>(expected.params, GAMMA_GAMMA_PARAMETER_NAMES);
    for (const name of GAMMA_GAMMA_PARAMETER_NAMES) {
      expect(relativeError(fit.params[name], params[name])).toBeLessThan(1e-4);
    }
    expect(Math.abs(fit.logLikelihood - expected.LL)).toBeLessThan(1e-3);
    const spend = predictGammaGammaSpend({ params, customers: customers.slice(0, 10) });
    expect(maxRelativeError(spend, expected.expected_spend_first10 ?? [])).toBeLessThan(1e-9);
  });

  it('rejects repeat buyers with non-positive spend', () => {
    expect(() =>
      fitGammaGamma({ customers: [...spenders, { frequency: 2, monetaryValue: 0 }] }),
    ).toThrow(expect.objectContaining({ code: 'NON_POSITIVE_SPEND' }));
    expect(() =>
      predictGammaGammaSpend({ params: { ...published, q: 0.5 }, customers: spenders }),
    ).toThrow(expect.objectContaining({ code: 'UNDEFINED_MEAN' }));
  });
});
