import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatsError } from '../errors.ts';
import {
  BG_NBD_PARAMETER_NAMES,
  computeBgNbdLogLikelihood,
  computeBgNbdProbabilityAlive,
  computeBgNbdPurchaseProbability,
  fitBgNbd,
  predictBgNbdConditionalPurchases,
  predictBgNbdPurchases,
} from './bgnbd.ts';
import { asParams, btyd, fixedParams, lifetimes, reference } from './testing/expected.ts';
import { maxRelativeError, readRefColumns, relativeError } from './testing/refdata.ts';
import type { BgNbdParams } from './types.ts';

const fixed = readRefColumns('expected/fixed_params_cdnow_per_customer.csv');
const customers = { frequency: fixed.frequency, recency: fixed.recency, T: fixed.T };
const published = asParams<BgNbdParams>(fixedParams.params.bgnbd, BG_NBD_PARAMETER_NAMES);
const lifetimesCsv = readRefColumns('data/lifetimes_cdnow_customers_summary.csv');
const cbs = readRefColumns('data/BTYD_cdnowSummary_cbs.csv');

describe('BG/NBD', () => {
  it('reproduces the per-customer log-likelihood, expectation and P(alive) at published parameters', () => {
    const ll = computeBgNbdLogLikelihood({ params: published, customers });
    expect(maxRelativeError(ll.perCustomer, fixed.bgnbd_ll_i)).toBeLessThan(1e-9);
    expect(Math.abs(ll.total - fixedParams.sum_ll.bgnbd)).toBeLessThan(1e-6);
    const expected = predictBgNbdConditionalPurchases({ params: published, customers, t: 39 });
    expect(maxRelativeError(expected, fixed.bgnbd_cond_exp_t39)).toBeLessThan(1e-9);
    const alive = computeBgNbdProbabilityAlive({ params: published, customers });
    expect(maxRelativeError(alive, fixed.bgnbd_p_alive)).toBeLessThan(1e-9);
  });

  it('reproduces E[X(t)] and P(X(t) = n) for a new customer at published parameters', () => {
    for (const [t, value] of Object.entries(fixedParams.bgnbd_E_X_t)) {
      expect(
        relativeError(predictBgNbdPurchases({ params: published, t: Number(t) }), value),
      ).toBeLessThan(1e-12);
    }
    for (const [key, value] of Object.entries(fixedParams.bgnbd_P_X_t_eq_n)) {
      const [, t, n] = /t=(\d+),n=(\d+)/.exec(key) ?? [];
      const p = computeBgNbdPurchaseProbability({ params: published, t: Number(t), n: Number(n) });
      expect(relativeError(p, value)).toBeLessThan(1e-9);
    }
  });

  it('fits the rounded lifetimes CDNOW summary to the lifetimes and reference maximum', () => {
    const fit = fitBgNbd({
      customers: {
        frequency: lifetimesCsv.frequency,
        recency: lifetimesCsv.recency,
        T: lifetimesCsv.T,
      },
    });
    expect(fit.convergence.converged).toBe(true);
    for (const expected of [lifetimes.models.bgnbd_cdnow, reference.models.bgnbd_cdnow]) {
      for (const name of BG_NBD_PARAMETER_NAMES) {
        expect(relativeError(fit.params[name], expected.params[name])).toBeLessThan(1e-4);
      }
      expect(Math.abs(fit.logLikelihood - expected.log_likelihood)).toBeLessThan(1e-3);
    }
    const se = lifetimes.models.bgnbd_cdnow.standard_errors ?? {};
    for (const name of BG_NBD_PARAMETER_NAMES) {
      expect(relativeError(fit.standardErrors?.[name] ?? 0, se[name])).toBeLessThan(1e-3);
    }
    expect(fit.customers).toBe(2357);
  });

  it('fits the exact BTYD CDNOW summary to the BTYD maximum', () => {
    const fit = fitBgNbd({ customers: { frequency: cbs.x, recency: cbs['t.x'], T: cbs['T.cal'] } });
    const expected = btyd.bgnbd_cdnow_btyd_cbs;
    for (const name of BG_NBD_PARAMETER_NAMES) {
      expect(relativeError(fit.params[name], expected.params[name])).toBeLessThan(5e-4);
    }
    expect(Math.abs(fit.logLikelihood - expected.LL)).toBeLessThan(1e-3);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(expected.LL - 1e-6);
    const atPublished = computeBgNbdLogLikelihood({
      params: published,
      customers: { frequency: cbs.x, recency: cbs['t.x'], T: cbs['T.cal'] },
    });
    expect(Math.abs(atPublished.total - (expected.LL_at_published ?? 0))).toBeLessThan(1e-6);
  });

  it('reproduces the BTYD predictions at the BTYD parameters', () => {
    const expected = btyd.bgnbd_cdnow_btyd_cbs;
    const params = asParams<BgNbdParams>(expected.params, BG_NBD_PARAMETER_NAMES);
    const c26 = [{ frequency: 26, recency: 30.85714, T: 31 }];
    expect(
      relativeError(predictBgNbdPurchases({ params, t: 52 }), expected.E_X_52 ?? 0),
    ).toBeLessThan(1e-9);
    expect(
      relativeError(
        predictBgNbdConditionalPurchases({ params, customers: c26, t: 52 })[0],
        expected.cond_exp_52_x26 ?? 0,
      ),
    ).toBeLessThan(1e-9);
    expect(
      relativeError(
        computeBgNbdProbabilityAlive({ params, customers: c26 })[0],
        expected.p_alive_x26 ?? 0,
      ),
    ).toBeLessThan(1e-9);
    const c1 = [{ frequency: cbs.x[0], recency: cbs['t.x'][0], T: cbs['T.cal'][0] }];
    expect(
      relativeError(
        predictBgNbdConditionalPurchases({ params, customers: c1, t: 39 })[0],
        expected.cond_exp_39_cust1 ?? 0,
      ),
    ).toBeLessThan(1e-6);
  });

  it('reproduces lifetimes predictions at the lifetimes fitted parameters', () => {
    const model = lifetimes.models.bgnbd_cdnow;
    const params = asParams<BgNbdParams>(model.params, BG_NBD_PARAMETER_NAMES);
    for (const [t, value] of Object.entries(model.E_X_t_unconditional ?? {})) {
      expect(relativeError(predictBgNbdPurchases({ params, t: Number(t) }), value)).toBeLessThan(
        1e-9,
      );
    }
    const c = [{ frequency: 26, recency: 30.85714, T: 31 }];
    const target = model['customer_x26_tx30.857_T31'];
    expect(
      relativeError(
        predictBgNbdConditionalPurchases({ params, customers: c, t: 52 })[0],
        target?.cond_exp_52 ?? 0,
      ),
    ).toBeLessThan(1e-9);
    expect(
      relativeError(
        computeBgNbdProbabilityAlive({ params, customers: c })[0],
        target?.p_alive ?? 0,
      ),
    ).toBeLessThan(1e-9);
    const perCustomer = readRefColumns('expected/lifetimes_cdnow_per_customer.csv');
    const predicted = predictBgNbdConditionalPurchases({
      params,
      customers: {
        frequency: perCustomer.frequency,
        recency: perCustomer.recency,
        T: perCustomer.T,
      },
      t: 39,
    });
    expect(maxRelativeError(predicted, perCustomer.bgnbd_cond_exp_t39)).toBeLessThan(5e-9);
  });

  it('throws typed errors for impossible customer data', () => {
    const bad = (frequency: number, recency: number, T: number) => () =>
      computeBgNbdProbabilityAlive({ params: published, customers: [{ frequency, recency, T }] });
    expect(bad(2, 40, 30)).toThrow(expect.objectContaining({ code: 'RECENCY_EXCEEDS_AGE' }));
    expect(bad(-1, 0, 30)).toThrow(expect.objectContaining({ code: 'NEGATIVE_FREQUENCY' }));
    expect(bad(1, Number.NaN, 30)).toThrow(expect.objectContaining({ code: 'NON_FINITE' }));
    expect(bad(0, 3, 30)).toThrow(expect.objectContaining({ code: 'INCONSISTENT_RECENCY' }));
    expect(() => fitBgNbd({ customers: [{ frequency: 1, recency: 1, T: 2 }] })).toThrow(StatsError);
    expect(() => fitBgNbd({ customers: [{ frequency: 1, recency: 1, T: 2 }] })).toThrow(
      expect.objectContaining({ code: 'TOO_FEW_CASES' }),
    );
    expect(() =>
      computeBgNbdProbabilityAlive({ params: { ...published, a: -1 }, customers }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_PARAMETERS' }));
  });

  it('keeps P(alive) in [0, 1] and equal to 1 without repeat purchases (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 500, noNaN: true }),
        (x, share, T) => {
          const recency = x === 0 ? 0 : share * T;
          const [p] = computeBgNbdProbabilityAlive({
            params: published,
            customers: [{ frequency: x, recency, T }],
          });
          return p >= 0 && p <= 1 && (x > 0 || p === 1);
        },
      ),
    );
  });

  it('has a purchase-count pmf that sums to 1 with mean E[X(t)] (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 80, noNaN: true }), (t) => {
        let total = 0;
        let mean = 0;
        for (let n = 0; n < 600; n++) {
          const p = computeBgNbdPurchaseProbability({ params: published, t, n });
          total += p;
          mean += n * p;
        }
        return (
          Math.abs(total - 1) < 1e-9 &&
          relativeError(mean, predictBgNbdPurchases({ params: published, t })) < 1e-7
        );
      }),
      { numRuns: 20 },
    );
  });

  it('gives the same fit for weighted patterns as for the expanded customers', () => {
    const rows = Array.from(lifetimesCsv.frequency, (frequency, i) => ({
      frequency,
      recency: lifetimesCsv.recency[i],
      T: lifetimesCsv.T[i],
    }));
    const counts = new Map<
      string,
      { frequency: number; recency: number; T: number; weight: number }
    >();
    for (const r of rows) {
      const key = `${r.frequency}|${r.recency}|${r.T}`;
      const entry = counts.get(key) ?? { ...r, weight: 0 };
      entry.weight++;
      counts.set(key, entry);
    }
    const weighted = fitBgNbd({ customers: [...counts.values()] });
    const unweighted = fitBgNbd({ customers: rows });
    for (const name of BG_NBD_PARAMETER_NAMES) {
      expect(relativeError(weighted.params[name], unweighted.params[name])).toBeLessThan(1e-9);
    }
    expect(weighted.logLikelihood).toBeCloseTo(unweighted.logLikelihood, 6);
  });

  it('shrinks parameters with an L2 penalizer', () => {
    const data = {
      frequency: lifetimesCsv.frequency,
      recency: lifetimesCsv.recency,
      T: lifetimesCsv.T,
    };
    const plain = fitBgNbd({ customers: data, standardErrors: false });
    const penalized = fitBgNbd({ customers: data, penalizer: 0.1, standardErrors: false });
    expect(penalized.params.b).toBeLessThan(plain.params.b);
    expect(penalized.logLikelihood).toBeLessThan(plain.logLikelihood);
    expect(penalized.standardErrors).toBeNull();
  });
});
