import { describe, expect, it } from 'vitest';
import {
  computeMbgNbdLogLikelihood,
  computeMbgNbdProbabilityAlive,
  computeMbgNbdPurchaseProbability,
  fitMbgNbd,
  MBG_NBD_PARAMETER_NAMES,
  predictMbgNbdConditionalPurchases,
  predictMbgNbdPurchases,
} from './mbgnbd.ts';
import { asParams, fixedParams, lifetimes, reference } from './testing/expected.ts';
import { maxRelativeError, readRefColumns, relativeError } from './testing/refdata.ts';
import type { MbgNbdParams } from './types.ts';

const fixed = readRefColumns('expected/fixed_params_cdnow_per_customer.csv');
const customers = { frequency: fixed.frequency, recency: fixed.recency, T: fixed.T };
const published = asParams<MbgNbdParams>(fixedParams.params.mbgnbd, MBG_NBD_PARAMETER_NAMES);

describe('MBG/NBD', () => {
  it('reproduces the per-customer log-likelihood, expectation and P(alive) at published parameters', () => {
    const ll = computeMbgNbdLogLikelihood({ params: published, customers });
    expect(maxRelativeError(ll.perCustomer, fixed.mbgnbd_ll_i)).toBeLessThan(1e-9);
    expect(Math.abs(ll.total - fixedParams.sum_ll.mbgnbd)).toBeLessThan(1e-6);
    expect(
      maxRelativeError(
        predictMbgNbdConditionalPurchases({ params: published, customers, t: 39 }),
        fixed.mbgnbd_cond_exp_t39,
      ),
    ).toBeLessThan(1e-9);
    expect(
      maxRelativeError(
        computeMbgNbdProbabilityAlive({ params: published, customers }),
        fixed.mbgnbd_p_alive,
      ),
    ).toBeLessThan(1e-9);
  });

  it('reproduces E[X(t)] for a new customer at published parameters', () => {
    for (const [t, value] of Object.entries(fixedParams.mbgnbd_E_X_t)) {
      expect(
        relativeError(predictMbgNbdPurchases({ params: published, t: Number(t) }), value),
      ).toBeLessThan(1e-12);
    }
  });

  it('has a purchase-count pmf that sums to 1 with mean E[X(t)], including death at time zero', () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 500; n++) {
      const p = computeMbgNbdPurchaseProbability({ params: published, t: 30, n });
      total += p;
      mean += n * p;
    }
    expect(total).toBeCloseTo(1, 10);
    expect(relativeError(mean, predictMbgNbdPurchases({ params: published, t: 30 }))).toBeLessThan(
      1e-8,
    );
  });

  it('fits the rounded lifetimes CDNOW summary to the lifetimes and reference maximum', () => {
    const csv = readRefColumns('data/lifetimes_cdnow_customers_summary.csv');
    const fit = fitMbgNbd({
      customers: { frequency: csv.frequency, recency: csv.recency, T: csv.T },
    });
    expect(fit.convergence.converged).toBe(true);
    for (const expected of [lifetimes.models.mbgnbd_cdnow, reference.models.mbgnbd_cdnow]) {
      for (const name of MBG_NBD_PARAMETER_NAMES) {
        expect(relativeError(fit.params[name], expected.params[name])).toBeLessThan(1e-4);
      }
      expect(Math.abs(fit.logLikelihood - expected.log_likelihood)).toBeLessThan(1e-3);
    }
    const se = lifetimes.models.mbgnbd_cdnow.standard_errors ?? {};
    for (const name of MBG_NBD_PARAMETER_NAMES) {
      expect(relativeError(fit.standardErrors?.[name] ?? 0, se[name])).toBeLessThan(1e-3);
    }
  });

  it('reproduces lifetimes per-customer predictions at the lifetimes fitted parameters', () => {
    const params = asParams<MbgNbdParams>(
      lifetimes.models.mbgnbd_cdnow.params,
      MBG_NBD_PARAMETER_NAMES,
    );
    const rows = readRefColumns('expected/lifetimes_cdnow_per_customer.csv');
    const data = { frequency: rows.frequency, recency: rows.recency, T: rows.T };
    expect(
      maxRelativeError(
        predictMbgNbdConditionalPurchases({ params, customers: data, t: 39 }),
        rows.mbgnbd_cond_exp_t39,
      ),
    ).toBeLessThan(5e-9);
    expect(
      maxRelativeError(
        computeMbgNbdProbabilityAlive({ params, customers: data }),
        rows.mbgnbd_p_alive,
      ),
    ).toBeLessThan(5e-9);
  });
});
